package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigException;
import dev.switchboard.spi.SpiVersion;
import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sample plugin ({@code tests/sample-plugin}), built as a third party's own Maven project (no
 * parent pom) and not on the engine's class path, dropped in a plugin directory: its router serves
 * a route and its provider adapter serves a model.
 */
class ThirdPartyPluginTest {
    static final Path PLUGIN_DIR = Path.of(System.getProperty("switchboard.test.pluginDir", "target/plugins.d"));

    @Test
    void pluginJarFromDirectoryServesARoute() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi();
             Node node = Node.start(Configs.openAi(fake,
                     "  sized: {router: longest-prompt, options: {long-model: m-ok, short-model: m-text, threshold-words: 3}}"), PLUGIN_DIR)) {
            HttpResponse<String> r = node.post("/v1/chat/completions", HttpApiTest.chat("sized", "one two three four five"));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
            assertEquals("sized", r.headers().firstValue("x-switchboard-route").orElseThrow());
            assertTrue(r.headers().firstValue("x-switchboard-reason").orElseThrow().contains("sample 5 words"));
            HttpResponse<String> s = node.post("/v1/chat/completions", HttpApiTest.chat("sized", "hi"));
            assertEquals("m-text", s.headers().firstValue("x-switchboard-model").orElseThrow());
            JsonObject sample = pluginFrom(new JsonObject(node.get("/health").body()), "switchboard-sample-plugin-");
            assertEquals(SpiVersion.CURRENT, sample.getString("spi-version"), sample.encode());
            assertEquals(new JsonArray().add("plain-completion"), sample.getJsonArray("providers"));
        }
    }

    @Test
    void providerAdapterFromThePluginJarServesAModel() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        HttpServer upstream = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            received.add(new JsonObject(body).put("path", req.path()));
            req.response().putHeader("content-type", "application/json")
                    .end(new JsonObject().put("id", "plain-7").put("text", "Paris.").put("input_tokens", 9).put("output_tokens", 2).encode());
        }));
        try {
            int port = upstream.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            String yaml = """
                    server: {host: 127.0.0.1, port: 0}
                    providers:
                      plain: {type: plain-completion, base-url: "http://127.0.0.1:%d", api-key: "${TEST_KEY:-k}"}
                    models:
                      tiny: {provider: plain, upstream-model: tiny-1, context-window: 4096}
                    routes:
                      main: {router: fixed, options: {models: [tiny]}}
                    """.formatted(port);
            try (Node node = Node.start(yaml, PLUGIN_DIR)) {
                HttpResponse<String> r = node.post("/v1/chat/completions", HttpApiTest.chat("main", "Capital of France?"));
                assertEquals(200, r.statusCode(), r.body());
                JsonObject answer = new JsonObject(r.body());
                assertEquals("Paris.", answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
                assertEquals(2, answer.getJsonObject("usage").getInteger("completion_tokens"));
                assertEquals("/complete", received.get(0).getString("path"));
                assertEquals("tiny-1", received.get(0).getString("model"));
                assertTrue(received.get(0).getString("prompt").contains("user: Capital of France?"), received.get(0).encode());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static JsonObject pluginFrom(JsonObject health, String jarPrefix) {
        JsonArray plugins = health.getJsonObject("details", health).getJsonArray("plugins");
        for (Object p : plugins) {
            if (((JsonObject) p).getString("source").startsWith(jarPrefix)) {
                return (JsonObject) p;
            }
        }
        throw new AssertionError("no plugin from " + jarPrefix + "* in " + health.encode());
    }

    @Test
    void pluginClassIsNotOnTheEngineClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.example.switchboard.SamplePlugin"));
    }

    @Test
    void routeNamingAMissingRouterListsTheKnownOnes() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            ConfigException e = assertThrows(ConfigException.class, () -> {
                try {
                    Node.start(Configs.openAi(fake, "  sized: {router: longest-prompt}"), null).close();
                } catch (java.util.concurrent.ExecutionException ex) {
                    throw ex.getCause();
                }
            });
            assertTrue(e.getMessage().contains("routes.sized.router: unknown router 'longest-prompt' (known: "), e.getMessage());
            assertTrue(e.getMessage().contains("fixed"), e.getMessage());
        }
    }
}
