package id.pahlawanpangan.bench;

import id.pahlawanpangan.gateway.ApiKeys;
import id.pahlawanpangan.gateway.Client;
import id.pahlawanpangan.gateway.ClientRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's clients for a benchmark: a provider key per provider, an NGO key per NGO and one
 * dispatcher, each a new key as {@code bin/pangan-gateway keys add} makes them, and the keys file
 * the gateway reads (its lines as {@link ApiKeys#line} writes them: role, id, the key's SHA-256;
 * never the keys themselves, which stay in the benchmark's memory).
 */
final class GatewayClients {
    record Keyed(Client client, String key) {
        String id() {
            return client.id();
        }
    }

    private final List<Keyed> providers = new ArrayList<>();
    private final List<Keyed> ngos = new ArrayList<>();
    private final Keyed dispatcher;

    GatewayClients(List<String> providerIds, List<String> ngoIds) {
        for (String id : providerIds) {
            providers.add(new Keyed(new Client(ClientRole.PROVIDER, id), ApiKeys.newKey()));
        }
        for (String id : ngoIds) {
            ngos.add(new Keyed(new Client(ClientRole.NGO, id), ApiKeys.newKey()));
        }
        dispatcher = new Keyed(new Client(ClientRole.DISPATCHER, "dispatch-bench"), ApiKeys.newKey());
    }

    Keyed provider(int i) {
        return providers.get(i);
    }

    Keyed ngo(int i) {
        return ngos.get(i);
    }

    int providerCount() {
        return providers.size();
    }

    int ngoCount() {
        return ngos.size();
    }

    /** The keys file's text. */
    String keysFile() {
        StringBuilder b = new StringBuilder("# bench-gateway's clients: role, id, sha256 of the key\n");
        List<Keyed> all = new ArrayList<>(providers);
        all.addAll(ngos);
        all.add(dispatcher);
        for (Keyed k : all) {
            b.append(ApiKeys.line(k.client(), k.key()));
        }
        return b.toString();
    }

    void writeKeysFile(Path file) throws IOException {
        Files.writeString(file, keysFile(), StandardCharsets.UTF_8);
    }
}
