package dev.switchboard.tests.asyncrouters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigException;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's asynchronous routers end to end, from a plugin jar in a plugin directory: a router
 * that asks a catalog model (through the engine) and routes by its answer, its routing cost apart
 * from the answer's in the headers, {@code /v1/decisions} and {@code /v1/stats}; a router that never
 * answers gets its route's fallback within {@code decision-timeout-ms}, for JSON and streams.
 */
class AsyncRouterTest {
    static final double ROUTING_COST = 0.000022;  // 12 in x $1/M + 5 out x $2/M on classifier
    static final double ANSWER_COST = 0.000066;   // 12 in x $3/M + 5 out x $6/M on coder
    static FakeOpenAi fake;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(config("""
                  smart: {router: ask-model, decision-timeout-ms: 5000,
                          options: {classifier: classifier, code-model: coder, general-model: general}}
                  cheap: {router: fixed, options: {models: [general]}}
                  stuck: {router: hang, decision-timeout-ms: 300, fallback-router: cheap}
                  stuck-default: {router: hang, decision-timeout-ms: 200}
                  pooled: {router: thread-name, options: {model: coder}}
                """), pluginDir());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static String config(String routes) {
        return """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  fake: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                models:
                  classifier: {provider: fake, upstream-model: classify, context-window: 128000, input-price: 1.0, output-price: 2.0}
                  coder: {provider: fake, upstream-model: code, context-window: 128000, input-price: 3.0, output-price: 6.0}
                  general: {provider: fake, upstream-model: general, context-window: 128000, input-price: 0.5, output-price: 1.0}
                routes:
                %s
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(fake.baseUrl(), routes);
    }

    /** A plugin directory with one jar made of {@link AsyncRoutersPlugin}'s classes and its service file. */
    static Path pluginDir() throws Exception {
        Path classes = Path.of(AsyncRoutersPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = AsyncRoutersPlugin.class.getPackageName().replace('.', '/');
        Path dir = Files.createTempDirectory("switchboard-async-plugins");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("async-routers.jar")));
             Stream<Path> files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("AsyncRoutersPlugin")).toList()) {
                add(jar, pkg + "/" + f.getFileName(), Files.readAllBytes(f));
            }
            add(jar, "META-INF/services/dev.switchboard.spi.Plugin", (AsyncRoutersPlugin.class.getName() + "\n").getBytes());
        }
        return dir;
    }

    private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(bytes);
        jar.closeEntry();
    }

    static String chat(String model, String text, boolean stream) {
        return new JsonObject().put("model", model).put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text))).encode();
    }

    static JsonObject decision(String requestId) throws Exception {
        return node.decision(requestId);
    }

    @Test
    void anAsyncRouterAsksAModelThroughTheEngineAndItsCostIsRoutingCost() throws Exception {
        long classifierCalls = fake.calls("classify");
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("smart", "please write code that sorts a list", false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("coder", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertEquals("ask-model: classifier said code", r.headers().firstValue("x-switchboard-reason").orElseThrow());
        assertEquals(ROUTING_COST, Double.parseDouble(r.headers().firstValue("x-switchboard-routing-cost-usd").orElseThrow()), 1e-12);
        assertEquals(ANSWER_COST, Double.parseDouble(r.headers().firstValue("x-switchboard-cost-usd").orElseThrow()), 1e-12);
        assertEquals(classifierCalls + 1, fake.calls("classify"), "the router's completion went upstream through the engine");
        assertTrue(fake.last("classify").body().getString("model").equals("classify"));

        String id = r.headers().firstValue("x-request-id").orElseThrow();
        JsonObject parent = decision(id);
        assertEquals(ANSWER_COST, parent.getDouble("cost_usd"), 1e-12);
        JsonObject routing = parent.getJsonObject("routing");
        assertEquals(1, routing.getInteger("calls"));
        assertEquals(ROUTING_COST, routing.getDouble("cost_usd"), 1e-12);
        assertEquals(12, routing.getInteger("input_tokens"));
        assertNull(routing.getValue("fallback"));
        JsonObject call = decision(id + ".routing-1");
        assertEquals("classifier", call.getString("model"));
        assertEquals(ROUTING_COST, call.getDouble("cost_usd"), 1e-12);

        // the same prompt again: the shared cache answers, no routing call
        HttpResponse<String> again = node.post("/v1/chat/completions", chat("smart", "please write code that sorts a list", false));
        assertEquals("ask-model: cached code", again.headers().firstValue("x-switchboard-reason").orElseThrow());
        assertEquals(classifierCalls + 1, fake.calls("classify"));

        JsonObject smart = new JsonObject(node.get("/v1/stats").body()).getJsonObject("routes").getJsonObject("smart");
        assertEquals(2 * ANSWER_COST, smart.getDouble("cost_usd"), 1e-9);
        assertEquals(ROUTING_COST, smart.getDouble("routing_cost_usd"), 1e-9);
        assertEquals(1, smart.getInteger("routing_calls"));
    }

    @Test
    void aRouterThatHangsGetsTheFallbackWithinTheDecisionTimeout() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("stuck", "hello there", false));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(ms >= 290 && ms < 3000, "answered after the 300 ms decision timeout, took " + ms + " ms");
        String reason = r.headers().firstValue("x-switchboard-reason").orElseThrow();
        assertTrue(reason.startsWith("fallback(timeout): cheap: "), reason);
        assertEquals("general", r.headers().firstValue("x-switchboard-model").orElseThrow());
        JsonObject d = decision(r.headers().firstValue("x-request-id").orElseThrow());
        assertEquals("timeout", d.getJsonObject("routing").getString("fallback"));
        assertEquals(0, d.getJsonObject("routing").getInteger("calls"));

        HttpResponse<String> s = node.post("/v1/chat/completions", chat("stuck", "stream it", true));
        assertEquals(200, s.statusCode(), s.body());
        assertTrue(s.body().contains("data: [DONE]"), s.body());
        assertTrue(s.headers().firstValue("x-switchboard-reason").orElseThrow().startsWith("fallback(timeout): cheap: "));

        HttpResponse<String> byDefault = node.post("/v1/chat/completions", chat("stuck-default", "hello", false));
        assertEquals(200, byDefault.statusCode(), byDefault.body());
        assertTrue(byDefault.headers().firstValue("x-switchboard-reason").orElseThrow()
                .startsWith("fallback(timeout): cheapest-catalog-models: "), byDefault.headers().toString());
        assertEquals("general", byDefault.headers().firstValue("x-switchboard-model").orElseThrow(), "the cheapest model");

        String metrics = node.get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_routing_fallbacks_total{")
                && l.contains("reason=\"timeout\"") && l.contains("route=\"stuck\"")), metrics);
    }

    @Test
    void aBlockingPluginRouterRunsOnTheRoutingPool() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("pooled", "hi", false));
        assertEquals(200, r.statusCode(), r.body());
        String reason = r.headers().firstValue("x-switchboard-reason").orElseThrow();
        assertTrue(reason.startsWith("thread-name: ran on switchboard-routing") && !reason.contains("event loop"), reason);
        assertEquals("coder", r.headers().firstValue("x-switchboard-model").orElseThrow());
    }

    @Test
    void theEventBusDoorWaitsForTheDecisionToo() throws Exception {
        io.vertx.core.eventbus.Message<Object> reply = node.switchboard().vertx().eventBus()
                .request("switchboard.chat", new JsonObject(chat("smart", "tell me about cats", false)))
                .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("general", reply.headers().get("x-switchboard-model"));
        assertEquals("ask-model: classifier said general", reply.headers().get("x-switchboard-reason"));
        io.vertx.core.eventbus.Message<Object> fallback = node.switchboard().vertx().eventBus()
                .request("switchboard.chat", new JsonObject(chat("stuck", "hi", false)))
                .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(fallback.headers().get("x-switchboard-reason").startsWith("fallback(timeout): cheap: "),
                fallback.headers().get("x-switchboard-reason"));
    }

    @Test
    void routeExplainsAnAsyncDecision() throws Exception {
        HttpResponse<String> r = node.post("/v1/route", chat("smart", "a poem about autumn", false));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject plan = new JsonObject(r.body());
        assertEquals("general", plan.getString("model"));
        assertEquals("ask-model: classifier said general", plan.getString("reason"));
        assertEquals(1, plan.getJsonObject("routing").getInteger("calls"));
    }

    @Test
    void badFallbackOrTimeoutConfigFailsStartUpNamingTheKeyPath() throws Exception {
        assertStartFails("  r: {router: fixed, options: {models: [general]}, fallback-router: hang}",
                "routes.r.fallback-router: router 'hang' is blocking or asynchronous");
        assertStartFails("  s: {router: hang}\n  r: {router: fixed, options: {models: [general]}, fallback-router: s}",
                "routes.r.fallback-router: route 's' has router 'hang', which is blocking or asynchronous");
        assertStartFails("  r: {router: hang, decision-timeout-ms: 0}", "routes.r.decision-timeout-ms: must be between 1 and");
        assertStartFails("  r: {router: hang, fallback-router: nowhere}", "routes.r.fallback-router: unknown route or router 'nowhere'");
    }

    private static void assertStartFails(String routes, String expected) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            try {
                Node.start(config(routes), pluginDir()).close();
            } catch (ExecutionException ex) {
                throw ex.getCause();
            }
        });
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
