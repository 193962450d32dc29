package dev.switchboard.tests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.StartOptions;
import dev.switchboard.engine.Switchboard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/: no container engine or cluster runs here, so the manifests are parsed and checked for
 * what would break a deployment: every file is valid YAML, the objects refer to each other by the
 * right names, ports and labels, the probes ask the health endpoints, and the ConfigMap's config
 * passes Switchboard's own validation with the Secret's variables and the downward-API ones.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of(System.getProperty("switchboard.test.deploy", "../../deploy"));
    private static final String VERSION = System.getProperty("switchboard.test.version", "0.1.0-SNAPSHOT");
    private static final List<JsonObject> OBJECTS = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void parseEveryManifest() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = yaml.readerFor(Map.class).readValues(f.toFile())) {
                    while (docs.hasNext()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> doc = (Map<String, Object>) docs.next();
                        OBJECTS.add(new JsonObject(doc).put("x-file", f.getFileName().toString()));
                    }
                }
            }
        }
    }

    private static JsonObject object(String kind, String name) {
        return OBJECTS.stream().filter(o -> kind.equals(o.getString("kind")) && name.equals(o.getJsonObject("metadata").getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/kubernetes"));
    }

    private static JsonObject container() {
        return object("Deployment", "switchboard").getJsonObject("spec").getJsonObject("template").getJsonObject("spec")
                .getJsonArray("containers").getJsonObject(0);
    }

    private static int containerPort(String name) {
        for (Object p : container().getJsonArray("ports")) {
            if (name.equals(((JsonObject) p).getString("name"))) {
                return ((JsonObject) p).getInteger("containerPort");
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    @Test
    void everyObjectIsThereAndKustomizeListsEveryFile() {
        for (String[] kn : new String[][] {{"Deployment", "switchboard"}, {"Service", "switchboard"}, {"Service", "switchboard-cluster"},
                {"ConfigMap", "switchboard-config"}, {"Secret", "switchboard-keys"}, {"PodDisruptionBudget", "switchboard"}}) {
            assertNotNull(object(kn[0], kn[1]).getString("apiVersion"));
        }
        JsonObject kustomization = OBJECTS.stream().filter(o -> "Kustomization".equals(o.getString("kind"))).findFirst().orElseThrow();
        JsonArray resources = kustomization.getJsonArray("resources");
        for (JsonObject o : OBJECTS) {
            if (!"Kustomization".equals(o.getString("kind"))) {
                assertTrue(resources.contains(o.getString("x-file")), o.getString("x-file") + " is not in kustomization.yaml");
            }
        }
    }

    @Test
    void servicesAndBudgetSelectThePodsOnTheirNamedPorts() {
        JsonObject podLabels = object("Deployment", "switchboard").getJsonObject("spec").getJsonObject("template")
                .getJsonObject("metadata").getJsonObject("labels");
        JsonObject http = object("Service", "switchboard").getJsonObject("spec");
        JsonObject headless = object("Service", "switchboard-cluster").getJsonObject("spec");
        for (JsonObject selector : List.of(http.getJsonObject("selector"), headless.getJsonObject("selector"),
                object("PodDisruptionBudget", "switchboard").getJsonObject("spec").getJsonObject("selector").getJsonObject("matchLabels"),
                object("Deployment", "switchboard").getJsonObject("spec").getJsonObject("selector").getJsonObject("matchLabels"))) {
            selector.forEach(e -> assertEquals(e.getValue(), podLabels.getValue(e.getKey()), "selector " + selector));
        }
        assertEquals("http", http.getJsonArray("ports").getJsonObject(0).getString("targetPort"));
        assertEquals("None", headless.getString("clusterIP"), "the discovery Service is headless");
        assertEquals(Boolean.TRUE, headless.getBoolean("publishNotReadyAddresses"), "a pod joins before it is ready");
        assertEquals("hazelcast", headless.getJsonArray("ports").getJsonObject(0).getString("targetPort"));
        assertEquals(5701, headless.getJsonArray("ports").getJsonObject(0).getInteger("port"));
    }

    @Test
    void probesAskTheHealthEndpointsAndThePodRunsAsNonRoot() {
        JsonObject c = container();
        assertEquals("/health/live", c.getJsonObject("livenessProbe").getJsonObject("httpGet").getString("path"));
        assertEquals("/health/ready", c.getJsonObject("readinessProbe").getJsonObject("httpGet").getString("path"));
        assertEquals("http", c.getJsonObject("readinessProbe").getJsonObject("httpGet").getString("port"));
        JsonObject pod = object("Deployment", "switchboard").getJsonObject("spec").getJsonObject("template").getJsonObject("spec");
        assertEquals(Boolean.TRUE, pod.getJsonObject("securityContext").getBoolean("runAsNonRoot"));
        assertTrue(pod.getJsonObject("securityContext").getInteger("runAsUser") > 0);
        assertEquals("switchboard-keys", c.getJsonArray("envFrom").getJsonObject(0).getJsonObject("secretRef").getString("name"));
        assertEquals("switchboard-config", pod.getJsonArray("volumes").getJsonObject(0).getJsonObject("configMap").getString("name"));
    }

    @Test
    void configMapConfigIsValidWithTheSecretsVariables() throws Exception {
        Map<String, String> env = new HashMap<>();
        object("Secret", "switchboard-keys").getJsonObject("stringData").forEach(e -> env.put(e.getKey(), String.valueOf(e.getValue())));
        env.put("POD_IP", "10.0.0.7");
        env.put("POD_NAMESPACE", "prod");
        Path config = tmp.resolve("switchboard.yaml");
        Files.writeString(config, object("ConfigMap", "switchboard-config").getJsonObject("data").getString("switchboard.yaml"));
        Switchboard.Prepared prepared = Switchboard.prepare(StartOptions.defaults().withConfig(config).withEnv(env::get));
        SwitchboardConfig c = prepared.config();
        assertEquals(containerPort("http"), c.server().port());
        assertEquals("0.0.0.0", c.server().host());
        assertTrue(c.cluster().enabled());
        assertEquals("10.0.0.7", c.cluster().host());
        assertEquals(containerPort("hazelcast"), c.cluster().port());
        assertEquals("switchboard-cluster.prod.svc.cluster.local", c.cluster().kubernetes().serviceDns(),
                "DNS discovery asks for the headless Service");
        long grace = object("Deployment", "switchboard").getJsonObject("spec").getJsonObject("template").getJsonObject("spec")
                .getLong("terminationGracePeriodSeconds");
        assertTrue(c.server().shutdownTimeoutMs() < grace * 1000, "requests drain before Kubernetes kills the pod");
    }

    @Test
    void dockerfileRunsTheTarballAsNonRootWithProbesAndPorts() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("\nFROM eclipse-temurin:17-jre\n"), "a Java 17 JRE base image");
        assertEquals(VERSION, match(dockerfile, "\nARG VERSION=(\\S+)\n"), "the Dockerfile's version follows the pom's");
        assertTrue(dockerfile.contains("ADD engine/target/switchboard-${VERSION}.tar.gz /opt/"));
        String user = match(dockerfile, "\nUSER (\\S+)\n");
        assertTrue(!user.startsWith("0") && !user.startsWith("root"), "non-root user: " + user);
        assertEquals(containerPort("http") + " " + containerPort("hazelcast"), match(dockerfile, "\nEXPOSE ([0-9 ]+)\n"));
        assertTrue(match(dockerfile, "\nHEALTHCHECK [^\n]*\\\\\n\\s+CMD ([^\n]+)\n").contains("http://127.0.0.1:8080/health/live"));
        assertTrue(dockerfile.contains("\nENTRYPOINT [\"/opt/switchboard/bin/switchboard\"]\n"), "exec form: signals reach the JVM");
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no " + regex);
        return m.group(1);
    }
}
