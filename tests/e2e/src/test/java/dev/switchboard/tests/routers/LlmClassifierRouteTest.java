package dev.switchboard.tests.routers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Node;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code llm-classifier} router end to end: it asks the catalog model {@code classifier}
 * (a fake OpenAI upstream that reads the prompt and answers as scripted) through the engine; a good
 * answer routes, is cached and costs routing cost apart from the answer's; a garbage answer and a
 * classifier slower than {@code decision-timeout-ms} hand the decision to the route's fallback router.
 */
class LlmClassifierRouteTest {
    static final double ROUTING_COST = 0.000052;  // 40 in x $1/M + 6 out x $2/M on classifier
    static final double ANSWER_COST = 0.000066;   // 12 in x $3/M + 5 out x $6/M on coder
    static ScriptedUpstream upstream;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        upstream = new ScriptedUpstream();
        node = Node.start("""
                server: {host: 127.0.0.1, port: 0}
                providers:
                  fake: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                models:
                  classifier: {provider: fake, upstream-model: classify, capabilities: [json], context-window: 8000, input-price: 1.0, output-price: 2.0}
                  coder: {provider: fake, upstream-model: code, context-window: 128000, input-price: 3.0, output-price: 6.0}
                  general: {provider: fake, upstream-model: general, context-window: 128000, input-price: 0.5, output-price: 1.0}
                routes:
                  smart:
                    router: llm-classifier
                    decision-timeout-ms: 1000
                    fallback-router: task-keyword
                    options:
                      classifier: classifier
                      categories:
                        code: {description: "programming, debugging, code review", models: [coder]}
                        general: {description: everything else, models: [general]}
                  task-keyword:
                    router: keyword
                    options:
                      categories: {code: {models: [coder]}, conversation: {models: [general]}}
                      default-category: conversation
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(upstream.baseUrl()), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        upstream.close();
    }

    @Test
    void aCodingPromptIsClassifiedByTheModelAndItsCostIsRoutingCost() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("my python loop never ends, why?"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("coder", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertEquals("llm-classifier: category=code by=classifier", r.headers().firstValue("x-switchboard-reason").orElseThrow());
        assertEquals(ROUTING_COST, Double.parseDouble(r.headers().firstValue("x-switchboard-routing-cost-usd").orElseThrow()), 1e-12);
        assertEquals(ANSWER_COST, Double.parseDouble(r.headers().firstValue("x-switchboard-cost-usd").orElseThrow()), 1e-12);

        JsonObject asked = upstream.lastClassification();
        assertEquals(0.0, ((Number) asked.getValue("temperature")).doubleValue());
        assertEquals(new JsonArray(List.of("code", "general")), asked.getJsonObject("response_format").getJsonObject("json_schema")
                .getJsonObject("schema").getJsonObject("properties").getJsonObject("category").getJsonArray("enum"));
        assertTrue(ScriptedUpstream.classified(asked).equals("my python loop never ends, why?"), asked.encode());

        String id = r.headers().firstValue("x-request-id").orElseThrow();
        JsonObject d = decision(id);
        assertEquals(ANSWER_COST, d.getDouble("cost_usd"), 1e-12);
        assertEquals(1, d.getJsonObject("routing").getInteger("calls"));
        assertEquals(ROUTING_COST, d.getJsonObject("routing").getDouble("cost_usd"), 1e-12);
        assertNull(d.getJsonObject("routing").getValue("fallback"));
        assertEquals("classifier", decision(id + ".routing-1").getString("model"));

        int asks = upstream.classifications();
        HttpResponse<String> again = node.post("/v1/chat/completions", chat("my python loop never ends, why?"));
        assertEquals("llm-classifier: category=code by=classifier (cached)",
                again.headers().firstValue("x-switchboard-reason").orElseThrow());
        assertEquals(asks, upstream.classifications(), "the cache answered");

        HttpResponse<String> other = node.post("/v1/chat/completions", chat("a poem about autumn leaves"));
        assertEquals("general", other.headers().firstValue("x-switchboard-model").orElseThrow());
    }

    @Test
    void aGarbageAnswerHandsTheDecisionToTheFallbackRouter() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("GARBAGE tell me a joke"));
        assertEquals(200, r.statusCode(), r.body());
        String reason = r.headers().firstValue("x-switchboard-reason").orElseThrow();
        assertTrue(reason.startsWith("fallback(failed): task-keyword: "), reason);
        assertEquals("general", r.headers().firstValue("x-switchboard-model").orElseThrow());
        JsonObject d = decision(r.headers().firstValue("x-request-id").orElseThrow());
        assertEquals("failed", d.getJsonObject("routing").getString("fallback"));
        assertEquals(1, d.getJsonObject("routing").getInteger("calls"), "the classification was asked and costed");
    }

    @Test
    void aSlowClassifierGetsTheFallbackAtTheDecisionTimeout() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("SLOW write a python function"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode(), r.body());
        String reason = r.headers().firstValue("x-switchboard-reason").orElseThrow();
        assertTrue(reason.startsWith("fallback(timeout): task-keyword: "), reason);
        assertTrue(ms >= 990 && ms < ScriptedUpstream.SLOW_MS, "answered at the 1000 ms decision timeout, took " + ms + " ms");
    }

    static String chat(String text) {
        return new JsonObject().put("model", "smart")
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text))).encode();
    }

    static JsonObject decision(String requestId) throws Exception {
        return node.decision(requestId);
    }

    /**
     * An OpenAI chat-completions upstream. Model {@code classify} reads the message to classify from
     * the prompt: {@code SLOW} answers after {@link #SLOW_MS}, {@code GARBAGE} answers prose,
     * {@code python} answers {@code {"category":"code"}}, anything else {@code {"category":"general"}}.
     * Other models answer "ok".
     */
    static final class ScriptedUpstream implements AutoCloseable {
        static final long SLOW_MS = 3000;
        private final Vertx vertx = Vertx.vertx();
        private final HttpServer server;
        private final List<JsonObject> classifications = new CopyOnWriteArrayList<>();

        ScriptedUpstream() throws Exception {
            server = vertx.createHttpServer().requestHandler(this::handle);
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.actualPort() + "/v1";
        }

        int classifications() {
            return classifications.size();
        }

        JsonObject lastClassification() {
            return classifications.get(classifications.size() - 1);
        }

        /** The text after "Message to classify:" in the classification's user message. */
        static String classified(JsonObject body) {
            JsonArray messages = body.getJsonArray("messages");
            String user = messages.getJsonObject(messages.size() - 1).getString("content");
            int at = user.indexOf("Message to classify:\n");
            return at < 0 ? "" : user.substring(at + "Message to classify:\n".length());
        }

        private void handle(HttpServerRequest req) {
            req.body().onSuccess(buf -> {
                JsonObject body = buf.toJsonObject();
                if (!"classify".equals(body.getString("model"))) {
                    answer(req, body.getString("model"), "ok", 12, 5);
                    return;
                }
                classifications.add(body);
                String text = classified(body);
                if (text.contains("SLOW")) {
                    vertx.setTimer(SLOW_MS, t -> answer(req, "classify", "{\"category\":\"code\"}", 40, 6));
                } else if (text.contains("GARBAGE")) {
                    answer(req, "classify", "Sure! This looks like a request about jokes.", 40, 6);
                } else {
                    answer(req, "classify", "{\"category\":\"" + (text.contains("python") ? "code" : "general") + "\"}", 40, 6);
                }
            });
        }

        private static void answer(HttpServerRequest req, String model, String content, int in, int out) {
            JsonObject resp = new JsonObject().put("id", "chatcmpl-scripted").put("object", "chat.completion")
                    .put("created", 1_700_000_000).put("model", model)
                    .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                            .put("message", new JsonObject().put("role", "assistant").put("content", content))
                            .put("finish_reason", "stop")))
                    .put("usage", new JsonObject().put("prompt_tokens", in).put("completion_tokens", out)
                            .put("total_tokens", in + out));
            if (!req.response().closed()) {
                req.response().putHeader("content-type", "application/json").end(resp.encode());
            }
        }

        @Override
        public void close() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
