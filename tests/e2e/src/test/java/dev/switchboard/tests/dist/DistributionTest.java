package dev.switchboard.tests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball {@code mvn package} builds, as an operator uses it: unpacked anywhere, started with
 * {@code bin/switchboard}, asked for {@code /health} and {@code /v1/models}, stopped with SIGTERM.
 */
class DistributionTest {
    private static final String VERSION = System.getProperty("switchboard.test.version", "0.1.0-SNAPSHOT");
    private static final long START_TIMEOUT_MS = 90_000;

    @TempDir
    Path tmp;

    private Path unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("switchboard.test.distribution",
                "../../engine/target/switchboard-" + VERSION + ".tar.gz"));
        assertTrue(Files.exists(tarball), "build the distribution first (mvn package): " + tarball.toAbsolutePath());
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", tmp.toString())
                .redirectErrorStream(true).start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, new String(tar.getInputStream().readAllBytes()));
        Path home = tmp.resolve("switchboard-" + VERSION);
        assertTrue(Files.isDirectory(home), "the tarball unpacks to switchboard-<version>/");
        return home;
    }

    @Test
    void layoutHasTheLauncherConfigPluginsDirAndSystemdUnit() throws Exception {
        Path home = unpack();
        assertTrue(Files.isExecutable(home.resolve("bin/switchboard")));
        assertTrue(Files.isRegularFile(home.resolve("lib/switchboard.jar")));
        assertTrue(Files.isDirectory(home.resolve("plugins.d")));
        String options = Files.readString(home.resolve("lib/jvm.options"));
        assertTrue(options.contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED"), options);
        assertFalse(options.contains("${"), "the build filled in the flags: " + options);

        String unit = Files.readString(home.resolve("lib/systemd/switchboard.service"));
        assertTrue(unit.contains("\nUser=switchboard\n"), "runs as a user of its own, not root");
        assertTrue(unit.contains("\nRestart=on-failure\n"));
        assertTrue(unit.contains("\nKillSignal=SIGTERM\n"));
        assertTrue(unit.contains("\nExecStart=/opt/switchboard/bin/switchboard\n"));
    }

    @Test
    void shippedConfigBehavesLikeTheBundledDefault() throws Exception {
        Path home = unpack();
        Path jar = home.resolve("lib/switchboard.jar");
        Map<String, String> env = Map.of("SWITCHBOARD_PLUGINS_DIR", home.resolve("plugins.d").toString());
        String shipped = run(env, home.resolve("bin/switchboard").toString(), "--check-config");
        String bundled = run(env, javaBin(), "-jar", jar.toString(), "--check-config");
        assertTrue(shipped.contains("config OK"), shipped);
        assertEquals(bundled, shipped, "conf/switchboard.yaml gives the same effective config as no --config at all");
    }

    @Test
    void startsServesAndStopsOnSigterm() throws Exception {
        Path home = unpack();
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/switchboard").toString(), "--port", String.valueOf(port))
                .directory(tmp.toFile()) // not the home: the launcher finds its files wherever it is called from
                .redirectErrorStream(true).redirectOutput(tmp.resolve("node.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // no real provider is called: the shipped config reads keys from these
        List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENROUTER_API_KEY").forEach(pb.environment()::remove);
        pb.environment().put("JAVA_OPTS", "-Xmx256m -Dswitchboard.test.marker=dist");
        // a plugin directory of the operator's choosing, read by the shipped config's plugins.dir
        pb.environment().put("SWITCHBOARD_PLUGINS_DIR", Path.of(System.getProperty("switchboard.test.pluginDir", "target/plugins.d"))
                .toAbsolutePath().toString());
        Process p = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> health = awaitHealth(http, port, p);
            assertEquals("ok", new JsonObject(health.body()).getString("status"), health.body());
            assertTrue(health.body().contains("switchboard-sample-plugin"), "the third-party plugin was loaded: " + health.body());

            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode(), models.body());
            List<String> ids = new JsonObject(models.body()).getJsonArray("data").stream()
                    .map(m -> ((JsonObject) m).getString("id")).toList();
            assertTrue(ids.containsAll(List.of("gpt-4o-mini", "claude-sonnet", "auto", "cheapest")), ids.toString());

            // exec: the launcher's process is the JVM itself, so SIGTERM from a supervisor reaches it
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.startsWith(System.getProperty("java.home") + "/bin/java "), cmdline);
            assertTrue(cmdline.contains("-Dswitchboard.test.marker=dist"), "JAVA_OPTS reach the JVM: " + cmdline);
            assertTrue(cmdline.contains("--config " + home.resolve("conf/switchboard.yaml")), cmdline);

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
            assertTrue(p.exitValue() == 143 || p.exitValue() == 0, "a graceful stop, exit " + p.exitValue());
            String log = Files.readString(tmp.resolve("node.log"));
            assertTrue(log.contains("listening on http://127.0.0.1:" + port), log);
            assertFalse(log.contains("already registered"), "no duplicate-gauge warning: " + log);
        } finally {
            p.destroyForcibly();
        }
    }

    private static HttpResponse<String> awaitHealth(HttpClient http, int port, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(p.isAlive(), "the node exited early");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no /health within " + START_TIMEOUT_MS + " ms");
    }

    private String run(Map<String, String> env, String... command) throws Exception {
        // stdout only: the effective config; the log (stderr) carries timestamps
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
