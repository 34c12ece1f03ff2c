package id.pahlawanpangan.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests in k8s/ against the Flink Kubernetes Operator 1.10's API classes and the CRD schema
 * bundled with them (the classes would silently ignore unknown fields), and the job's
 * configuration against flink-conf/config.yaml.
 */
class ManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path K8S = Path.of("").toAbsolutePath().endsWith("k8s") ? Path.of("") : Path.of("k8s");

    /** Settings where the cluster deployment and the project's config.yaml must not differ. */
    private static final List<String> MUST_AGREE = List.of(
            "execution.checkpointing.interval", "execution.checkpointing.mode", "execution.checkpointing.timeout",
            "execution.checkpointing.min-pause", "execution.checkpointing.max-concurrent-checkpoints",
            "execution.checkpointing.tolerable-failed-checkpoints", "execution.checkpointing.incremental",
            "execution.checkpointing.externalized-checkpoint-retention", "state.backend.type",
            "state.backend.rocksdb.timer-service.factory", "state.backend.rocksdb.use-bloom-filter", "restart-strategy.type",
            "restart-strategy.exponential-delay.initial-backoff", "restart-strategy.exponential-delay.max-backoff",
            "restart-strategy.exponential-delay.backoff-multiplier", "restart-strategy.exponential-delay.reset-backoff-threshold",
            "restart-strategy.exponential-delay.jitter-factor", "pipeline.generic-types", "pipeline.auto-generate-uids",
            "metrics.reporter.prom.factory.class");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/national"})
    void theFlinkDeploymentConformsToTheOperatorsSchema(String variant) throws Exception {
        JsonNode deployment = flinkDeployment(variant);
        assertThat(deployment.get("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.get("kind").asText()).isEqualTo("FlinkDeployment");
        List<String> violations = violations(deployment);
        assertThat(violations).as("violations of the FlinkDeployment CRD schema").isEmpty();

        FlinkDeployment typed = Serialization.unmarshal(YAML.writeValueAsString(deployment), FlinkDeployment.class);
        assertThat(typed.getSpec().getFlinkVersion()).isEqualTo(FlinkVersion.v1_20);
        assertThat(typed.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(typed.getSpec().getJob().getJarURI()).isEqualTo("local:///opt/flink/usrlib/pangan-job.jar");
        assertThat(typed.getSpec().getJob().getEntryClass()).isEqualTo("id.pahlawanpangan.cli.Main");
        assertThat(typed.getSpec().getFlinkConfiguration()).containsEntry("high-availability.type", "kubernetes")
                .containsKey("execution.checkpointing.dir").containsKey("high-availability.storageDir")
                .containsEntry("job.autoscaler.enabled", "true");
        assertThat(typed.getSpec().getFlinkConfiguration().get("execution.checkpointing.dir")).startsWith("s3://");
    }

    /**
     * What ApplicationClusterITCase (job module) runs in application mode, taking the jar's URI,
     * the entry class and the args from this manifest: the jar where the image has it, the
     * {@code run} command alone (the job's settings are Flink settings in flinkConfiguration; the
     * streams and the database are an administrator's to prepare, never the job's:
     * no {@code --create-streams}; {@code --flink-conf} is refused inside Flink).
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/national"})
    void theJobIsTheProgramTheApplicationClusterTestRuns(String variant) throws Exception {
        FlinkDeployment typed = Serialization.unmarshal(YAML.writeValueAsString(flinkDeployment(variant)), FlinkDeployment.class);
        String jar = typed.getSpec().getJob().getJarURI();
        assertThat(jar).as("a jar in the image's usrlib/, where application mode looks for the job").startsWith("local:///opt/flink/usrlib/");
        assertThat(Files.readString(K8S.resolve("Dockerfile"))).as("the image puts the job jar at the jarURI")
                .contains("job/target/pangan-job.jar " + jar.substring("local://".length()));
        assertThat(typed.getSpec().getJob().getArgs()).as("the command alone").containsExactly("run");
        assertThat(typed.getSpec().getFlinkConfiguration()).as("the job's namespace, for which the administrator made the streams")
                .containsKey("nats.namespace");
        assertThat(typed.getSpec().getJob().getParallelism()).as("the operator's parallelism.default").isPositive();
    }

    @Test
    void theSchemaCheckCatchesWhatTheApiClassesWouldIgnore() throws Exception {
        ObjectNode deployment = (ObjectNode) flinkDeployment("base");
        ((ObjectNode) deployment.get("spec")).put("flinkVersoin", "v1_20");
        ((ObjectNode) deployment.get("spec").get("job")).put("paralelism", 8);
        FlinkDeployment typed = Serialization.unmarshal(YAML.writeValueAsString(deployment), FlinkDeployment.class);
        assertThat(typed.getSpec().getJob().getParallelism()).as("the API classes drop the misspelt fields").isEqualTo(4);
        assertThat(violations(deployment))
                .anyMatch(v -> v.contains("spec.flinkVersoin: unknown field"))
                .anyMatch(v -> v.contains("spec.job.paralelism: unknown field"));
        ((ObjectNode) deployment.get("spec")).put("flinkVersion", "v1_21");
        assertThat(violations(deployment)).anyMatch(v -> v.contains("spec.flinkVersion") && v.contains("is not one of"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/national"})
    void theJobsConfigurationAgreesWithFlinkConf(String variant) throws Exception {
        JsonNode configuration = flinkDeployment(variant).get("spec").get("flinkConfiguration");
        Map<String, String> flinkConf = flatten(YAML.readTree(K8S.resolve("../flink-conf/config.yaml").toFile()));
        for (String key : MUST_AGREE) {
            assertThat(configuration.has(key)).as("%s set in the FlinkDeployment", key).isTrue();
            assertThat(normalized(configuration.get(key).asText())).as(key).isEqualTo(normalized(flinkConf.get(key)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/national"})
    void theJobWritesToPostgresAsItsOwnLoginOverVerifiedTls(String variant) throws Exception {
        JsonNode pod = flinkDeployment(variant).get("spec").get("podTemplate").get("spec");
        JsonNode container = pod.get("containers").get(0);
        Map<String, String> env = env(container);
        assertThat(env.get("PANGAN_PG_USER")).as("a login of pangan_job, never the superuser").isEqualTo("pangan");
        assertThat(env).as("the job gets no administrator's login").doesNotContainKeys("PANGAN_PG_ADMIN_USER",
                "PANGAN_PG_ADMIN_PASSWORD", "PANGAN_PG_ADMIN_PASSWORD_FILE").doesNotContainKey("PANGAN_PG_PASSWORD");
        assertThat(env.get("PANGAN_PG_SSLMODE")).isEqualTo("verify-full");
        assertThat(mountedFrom(pod, container, env.get("PANGAN_PG_PASSWORD_FILE")).path("secret").path("secretName").asText())
                .as("the password from the Secret pangan-postgres").isEqualTo("pangan-postgres");
        assertThat(mountedFrom(pod, container, env.get("PANGAN_PG_SSLROOTCERT")).path("configMap").path("name").asText())
                .as("the CA from the ConfigMap pangan-postgres-ca").isEqualTo("pangan-postgres-ca");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/national"})
    void theJobConnectsToNatsAsItsOwnNkeyUserOverTls(String variant) throws Exception {
        JsonNode pod = flinkDeployment(variant).get("spec").get("podTemplate").get("spec");
        JsonNode container = pod.get("containers").get(0);
        Map<String, String> env = env(container);
        assertThat(env).as("no shared password or token").doesNotContainKeys("PANGAN_NATS_PASSWORD", "PANGAN_NATS_TOKEN",
                "PANGAN_NATS_NKEY_SEED");
        assertThat(env.get("PANGAN_NATS_INBOX_PREFIX")).as("the job's private inbox (nats/auth.conf)").isEqualTo("_INBOX_pangan_job");
        assertThat(mountedFrom(pod, container, env.get("PANGAN_NATS_NKEY_SEED_FILE")).path("secret").path("secretName").asText())
                .as("the job's NKey seed from the Secret pangan-nats").isEqualTo("pangan-nats");
        assertThat(mountedFrom(pod, container, env.get("PANGAN_NATS_TLS_CA_FILE")).path("configMap").path("name").asText())
                .as("the CA from the ConfigMap pangan-nats-ca").isEqualTo("pangan-nats-ca");
    }

    /** The container's environment variables and their literal values (null when taken from elsewhere). */
    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.get("env")) {
            env.put(e.get("name").asText(), e.path("value").asText(null));
        }
        return env;
    }

    /** The pod's volume that a file path is mounted from. */
    private static JsonNode mountedFrom(JsonNode pod, JsonNode container, String file) {
        assertThat(file).as("a file path").isNotNull();
        for (JsonNode mount : container.get("volumeMounts")) {
            if (file.startsWith(mount.get("mountPath").asText() + "/")) {
                for (JsonNode volume : pod.get("volumes")) {
                    if (volume.get("name").asText().equals(mount.get("name").asText())) {
                        return volume;
                    }
                }
            }
        }
        throw new AssertionError(file + " is on no mounted volume");
    }

    @Test
    void noSecretIsWrittenInAManifest() throws Exception {
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (JsonNode doc : documents(file)) {
                    checkNoInlineSecret(doc, file + ":");
                }
            }
        }
    }

    @Test
    void theOtherManifestsAreWhatKubernetesExpects() throws Exception {
        PodDisruptionBudget pdb = Serialization.unmarshal(Files.newInputStream(K8S.resolve("base/poddisruptionbudget.yaml")), PodDisruptionBudget.class);
        assertThat(pdb.getAdditionalProperties()).isEmpty();
        assertThat(pdb.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        NetworkPolicy policy = Serialization.unmarshal(Files.newInputStream(K8S.resolve("base/networkpolicy.yaml")), NetworkPolicy.class);
        assertThat(policy.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getEgress()).anyMatch(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 4222));
        HasMetadata podMonitor = Serialization.unmarshal(Files.newInputStream(K8S.resolve("base/podmonitor.yaml")));
        assertThat(podMonitor.getKind()).isEqualTo("PodMonitor");
        JsonNode kustomization = YAML.readTree(K8S.resolve("base/kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.get("resources")) {
            assertThat(K8S.resolve("base").resolve(resource.asText())).exists();
        }
    }

    /** Violations of the CRD's schema, which describes a custom resource's fields below the standard apiVersion, kind and metadata. */
    private static List<String> violations(JsonNode deployment) throws Exception {
        ObjectNode body = deployment.deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata"));
        return new OpenApiSchema(crdSchema()).violations(body);
    }

    /** The FlinkDeployment of a variant: the base, with an overlay's patch merged in as kustomize would (JSON merge patch). */
    private static JsonNode flinkDeployment(String variant) throws Exception {
        JsonNode base = YAML.readTree(K8S.resolve("base/flinkdeployment.yaml").toFile());
        if (variant.equals("base")) {
            return base;
        }
        JsonNode kustomization = YAML.readTree(K8S.resolve(variant).resolve("kustomization.yaml").toFile());
        assertThat(kustomization.get("resources").get(0).asText()).isEqualTo("../../base");
        JsonNode patch = YAML.readTree(K8S.resolve(variant).resolve(kustomization.get("patches").get(0).get("path").asText()).toFile());
        return merge(base.deepCopy(), patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode result = (ObjectNode) target;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), result.has(e.getKey()) ? merge(result.get(e.getKey()), e.getValue()) : e.getValue());
            }
        }
        return result;
    }

    private static JsonNode crdSchema() throws Exception {
        try (InputStream crd = FlinkDeployment.class.getResourceAsStream("/META-INF/fabric8/flinkdeployments.flink.apache.org-v1beta1.yml")) {
            return YAML.readTree(crd).get("spec").get("validation").get("openAPIV3Schema");
        }
    }

    private static Map<String, String> flatten(JsonNode yaml) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(yaml, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static String normalized(String value) {
        return value == null ? null : value.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        YAML.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(d -> docs.add((JsonNode) d));
        return docs;
    }

    private static void checkNoInlineSecret(JsonNode node, String path) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if ((key.contains("password") || key.contains("secret-key") || key.contains("access-key") || key.contains("token"))
                        && e.getValue().isValueNode()) {
                    throw new AssertionError(path + e.getKey() + " holds a value: secrets belong in Secrets");
                }
                if (key.equals("env")) {
                    for (JsonNode env : e.getValue()) {
                        String name = env.path("name").asText().toUpperCase(Locale.ROOT);
                        boolean looksSecret = (name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN")
                                || name.contains("ACCESS_KEY")) && !name.endsWith("_FILE");
                        if (looksSecret && env.has("value")) {
                            throw new AssertionError(path + " env " + name + " has a literal value: use valueFrom.secretKeyRef or a mounted file");
                        }
                    }
                }
                checkNoInlineSecret(e.getValue(), path + e.getKey() + ".");
            });
        } else if (node.isArray()) {
            node.forEach(n -> checkNoInlineSecret(n, path));
        }
    }
}
