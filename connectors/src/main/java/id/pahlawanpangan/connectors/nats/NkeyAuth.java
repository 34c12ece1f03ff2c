package id.pahlawanpangan.connectors.nats;

import id.pahlawanpangan.connectors.Secret;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Signs the server's challenge with a user's NKey seed, read from its secret each time it is
 * needed: the seed never leaves the process that connects, and the server's configuration holds
 * only the public key (so it contains no secret at all).
 */
final class NkeyAuth implements AuthHandler {
    private final Secret seed;

    NkeyAuth(Secret seed) {
        this.seed = seed;
    }

    @Override
    public byte[] sign(byte[] nonce) {
        try {
            return key().sign(nonce);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign with the NATS NKey seed (" + seed + "): " + e.getMessage(), e);
        }
    }

    @Override
    public char[] getID() {
        try {
            return key().getPublicKey();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("not a NATS user NKey seed (" + seed + "): " + e.getMessage(), e);
        }
    }

    @Override
    public char[] getJWT() {
        return null; // NKey users of the server's own configuration, not JWT accounts
    }

    private NKey key() {
        String value = seed.reveal();
        if (value == null || !value.startsWith("SU")) {
            throw new IllegalStateException("no NATS user NKey seed (a seed starts with SU) in " + seed);
        }
        return NKey.fromSeed(value.toCharArray());
    }
}
