package dev.switchboard.tests.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.StartOptions;
import dev.switchboard.engine.Switchboard;
import dev.switchboard.tests.support.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin lifecycle: a plugin jar whose router and adapter log their creation and close. A reload
 * through the admin config API closes the routers and adapters of the swapped-out table and of the
 * validation build (each once), never the live ones; shutdown closes the rest, then the factories,
 * and an adapter whose close throws stops neither.
 */
class PluginLifecycleTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void reloadAndShutdownCloseEachRouterAndAdapterOnce() throws Exception {
        Path log = dir.resolve("close.log");
        Path file = dir.resolve("switchboard.yaml");
        try (FakeOpenAi fake = new FakeOpenAi()) {
            Files.writeString(file, config(fake, log, "m-a"));
            Switchboard node = Switchboard.start(StartOptions.defaults().withConfig(file).withPort(0)
                    .withPluginsDir(pluginJarDir()).withEnv(Map.<String, String>of()::get))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals("m-a", model(chat(node)));
            assertEquals(List.of(), lines(log, "close "));

            // an admin change: one build validates it (closed at once), one is applied; the started one retires
            HttpResponse<String> change = send(node, "/config/category", "{\"route\": \"task\", \"name\": \"code\", "
                    + "\"keywords\": [\"code\"], \"models\": [\"m-b\"]}");
            assertEquals(200, change.statusCode(), change.body());
            assertEquals(List.of("#2", "#4", "#6"), created(log, "router"), "started, validated, applied");
            assertEquals(List.of("#1", "#3", "#5"), created(log, "adapter"));
            assertEquals("#6", serial(chat(node)), "the applied router serves");
            awaitClosed(log, List.of("close adapter #1", "close adapter #3", "close router #2", "close router #4"));

            // a reload of the edited file: again only what is no longer live closes
            Files.writeString(file, config(fake, log, "m-b"));
            HttpResponse<String> reload = send(node, "/config/reload", "");
            assertEquals(200, reload.statusCode(), reload.body());
            assertEquals("m-b", model(chat(node)));
            awaitAllButNewestClosed(node, log);

            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<String> closes = lines(log, "close ");
            assertEquals(expectedCloses(log, false), closes.stream().filter(l -> l.contains("#")).sorted().toList(),
                    "each router and adapter closed exactly once");
            assertEquals(List.of("close router-factory", "close adapter-factory"), closes.subList(closes.size() - 2, closes.size()),
                    "factories close last, although every adapter's close threw");
        }
    }

    private static String config(FakeOpenAi fake, Path log, String model) {
        return """
                server: {host: 127.0.0.1, port: 0, shutdown-timeout-ms: 100}
                providers:
                  fake: {type: openai, base-url: "%s"}
                  counted: {type: counting, close-log: "%s", fail-close: true}
                models:
                  m-a: {provider: fake, upstream-model: ok}
                  m-b: {provider: fake, upstream-model: ok}
                routes:
                  counted: {router: counting, options: {model: %s, close-log: "%s"}}
                  task: {router: keyword, options: {categories: {conversation: {models: [m-a]}}}}
                """.formatted(fake.baseUrl(), log, model, log);
    }

    /** A plugin directory holding a jar of {@link CountingPlugin}, so it gets its own class loader like any plugin. */
    private Path pluginJarDir() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path classes = Path.of(CountingPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = CountingPlugin.class.getPackageName().replace('.', '/');
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("counting.jar")));
             Stream<Path> files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("CountingPlugin")).toList()) {
                jar.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
                jar.write(Files.readAllBytes(f));
            }
            jar.putNextEntry(new JarEntry("META-INF/services/dev.switchboard.spi.Plugin"));
            jar.write(CountingPlugin.class.getName().getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(classes.resolve("META-INF/services/dev.switchboard.spi.Plugin")), "not on the class path");
        return plugins;
    }

    private static HttpResponse<String> chat(Switchboard node) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\": \"counted\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(Switchboard node, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String model(HttpResponse<String> r) {
        return r.headers().firstValue("x-switchboard-model").orElseThrow(() -> new AssertionError(r.body()));
    }

    /** The serial of the router that decided, from {@code x-switchboard-reason: counting #n}. */
    private static String serial(HttpResponse<String> r) {
        return r.headers().firstValue("x-switchboard-reason").orElseThrow().replaceAll(".*counting (#\\d+).*", "$1");
    }

    private static List<String> lines(Path log, String prefix) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).toList() : List.of();
    }

    /** The serials ({@code #n}) of the created routers or adapters, in creation order. */
    private static List<String> created(Path log, String what) throws Exception {
        return lines(log, "create " + what + " ").stream().map(l -> l.substring(l.indexOf('#'))).toList();
    }

    /** The close lines of every router and adapter created, or of all but the newest of each. */
    private static List<String> expectedCloses(Path log, boolean butNewest) throws Exception {
        List<String> routers = created(log, "router");
        List<String> adapters = created(log, "adapter");
        int skip = butNewest ? 1 : 0;
        return Stream.concat(routers.subList(0, routers.size() - skip).stream().map(s -> "close router " + s),
                adapters.subList(0, adapters.size() - skip).stream().map(s -> "close adapter " + s)).sorted().toList();
    }

    private static List<String> closed(Path log) throws Exception {
        return lines(log, "close ").stream().sorted().toList();
    }

    private static void awaitClosed(Path log, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!closed(log).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling a file with a deadline: nothing to wait on across the plugin's class loader
        }
        assertEquals(expected, closed(log));
    }

    /** Waits until everything but the newest router and adapter is closed and the newest router serves. */
    private static void awaitAllButNewestClosed(Switchboard node, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<String> routers = created(log, "router");
            if (closed(log).equals(expectedCloses(log, true)) && serial(chat(node)).equals(routers.get(routers.size() - 1))) {
                return;
            }
            Thread.sleep(20);
        }
        assertEquals(expectedCloses(log, true), closed(log));
    }
}
