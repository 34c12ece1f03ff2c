package id.pahlawanpangan.connectors.nats;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for NATS connections from PEM files (what cert-manager and Kubernetes Secrets hold): the
 * CA that signed the server's certificate, and optionally a client certificate and its PKCS#8
 * private key for servers that verify clients. Only the paths travel; the files are read where
 * the connection is made.
 */
public final class NatsTls implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String caFile;
    private final String certFile;
    private final String keyFile;

    public NatsTls(String caFile, String certFile, String keyFile) {
        if (caFile == null || caFile.isBlank()) {
            throw new IllegalArgumentException("NATS TLS needs the CA certificate file that signed the server's certificate");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a NATS client certificate needs its key file, and a key file its certificate");
        }
        this.caFile = caFile;
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    /** From {@code PANGAN_NATS_TLS_CA_FILE} (and {@code _CERT_FILE}, {@code _KEY_FILE}), or null when not set. */
    public static NatsTls fromEnvironment() {
        String ca = System.getenv("PANGAN_NATS_TLS_CA_FILE");
        return ca == null || ca.isBlank() ? null
                : new NatsTls(ca, System.getenv("PANGAN_NATS_TLS_CERT_FILE"), System.getenv("PANGAN_NATS_TLS_KEY_FILE"));
    }

    public SSLContext sslContext() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate ca : certificates(caFile)) {
                trusted.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManagerFactory keys = null;
            if (certFile != null) {
                char[] none = new char[0];
                KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
                own.load(null, null);
                own.setKeyEntry("client", privateKey(keyFile), none, certificates(certFile).toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(own, none);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for NATS from " + this + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (found.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return found;
        }
    }

    private static PrivateKey privateKey(String file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < 0) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY); convert it with `openssl pkcs8 -topk8 -nocrypt`");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("the private key in " + file + " is not EC, RSA or Ed25519", last);
    }

    @Override
    public String toString() {
        return "TLS with CA " + caFile + (certFile != null ? ", client certificate " + certFile : "");
    }
}
