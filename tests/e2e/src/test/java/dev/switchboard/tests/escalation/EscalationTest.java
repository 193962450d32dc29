package dev.switchboard.tests.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quality escalation ({@code routes.<name>.escalation}) end to end, against a fake OpenAI upstream
 * whose poor answers are scripted by upstream model name: each signal re-asks a later candidate
 * (the first pricier one, skipping same-priced peers, or with {@code to: next} the next one) and
 * the attempts header says so; both calls are costed (cost header, decision log) and counted
 * (per-model and per-route stats, Prometheus); {@code max-escalations} and the request's deadline
 * bound it; a route without {@code escalation} and a direct model call never escalate; a stream
 * escalates on {@code empty} before anything was sent and never after; the event bus, the
 * Anthropic Messages and the Responses front doors escalate through the same pipeline. Breakers open at the first
 * failure here, so a poor answer counted as one would show.
 */
class EscalationTest {
    /** Per million tokens: the poor models' and the strong model's prices, so a sum of both is visible. */
    static final double POOR_COST = (12 * 1.0 + 5 * 2.0) / 1e6;
    static final double STD_COST = (12 * 3.0 + 5 * 4.0) / 1e6;
    /** The fake's tool call reports 30 + 9 tokens. */
    static final double STD_TOOLS_COST = (30 * 3.0 + 9 * 4.0) / 1e6;
    static final String TOOLS = """
            [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object",
              "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]""";

    static FakeOpenAi fake;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(config(fake, ""), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    /** The test config; {@code extra}: top-level blocks, or routes indented two spaces. */
    static String config(FakeOpenAi fake, String extra) {
        return """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  fake: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                models:
                  p-empty: {provider: fake, upstream-model: empty, %2$s}
                  p-empty2: {provider: fake, upstream-model: empty, %2$s}
                  p-truncated: {provider: fake, upstream-model: truncated, %2$s}
                  p-refuse: {provider: fake, upstream-model: refuse, %2$s}
                  p-bad-args: {provider: fake, upstream-model: bad-args, %2$s}
                  p-missing-field: {provider: fake, upstream-model: missing-field, %2$s}
                  p-unknown-tool: {provider: fake, upstream-model: unknown-tool, %2$s}
                  p-late: {provider: fake, upstream-model: empty-late, %2$s}
                  p-empty-dear: {provider: fake, upstream-model: empty, context-window: 128000, max-output-tokens: 4096,
                                 input-price: 5.0, output-price: 6.0}
                  s-empty: {provider: fake, upstream-model: empty, %2$s}
                  d-empty: {provider: fake, upstream-model: empty, %2$s, fallbacks: [std]}
                  std: {provider: fake, upstream-model: ok, %3$s}
                  s-std: {provider: fake, upstream-model: ok, %3$s}
                  std-tools: {provider: fake, upstream-model: tools, %3$s}
                  std-slow: {provider: fake, upstream-model: slow, %3$s}
                  std-500: {provider: fake, upstream-model: err500, %3$s}
                  std-503: {provider: fake, upstream-model: err503, %3$s}
                routes:
                  esc-empty: {router: fixed, options: {models: [p-empty, std]}, escalation: {on: [empty]}}
                  esc-truncated: {router: fixed, options: {models: [p-truncated, std]}, escalation: {on: [truncated], min-chars: 50}}
                  enough-chars: {router: fixed, options: {models: [p-truncated, std]}, escalation: {on: [truncated], min-chars: 10}}
                  esc-refusal: {router: fixed, options: {models: [p-refuse, std]}, escalation: {on: [empty, refusal]}}
                  esc-bad-args: {router: fixed, options: {models: [p-bad-args, std-tools]}, escalation: {on: [invalid-tool-call]}}
                  esc-missing-field: {router: fixed, options: {models: [p-missing-field, std-tools]}, escalation: {on: [invalid-tool-call]}}
                  esc-unknown-tool: {router: fixed, options: {models: [p-unknown-tool, std-tools]}, escalation: {on: [invalid-tool-call]}}
                  esc-once: {router: fixed, options: {models: [p-empty, p-empty2, std]}, escalation: {on: [empty], max-escalations: 1, to: next}}
                  esc-twice: {router: fixed, options: {models: [p-empty, p-empty2, std]}, escalation: {on: [empty], max-escalations: 2, to: next}}
                  esc-peers: {router: fixed, options: {models: [p-empty, p-empty2, std]}, escalation: {on: [empty]}}
                  esc-none-stronger: {router: fixed, options: {models: [p-empty-dear, std]}, escalation: {on: [empty]}}
                  esc-alone: {router: fixed, options: {models: [p-empty]}, escalation: {on: [empty]}}
                  no-esc: {router: fixed, options: {models: [p-empty, std]}}
                  esc-then-500: {router: fixed, options: {models: [p-empty, std-500]}, escalation: {on: [empty]}}
                  esc-then-503: {router: fixed, options: {models: [p-empty, std-503]}, escalation: {on: [empty]}}
                  esc-stats: {router: fixed, options: {models: [s-empty, s-std]}, escalation: {on: [empty]}}
                  esc-deadline:
                    router: fixed
                    options: {models: [p-late, std-slow]}
                    escalation: {on: [empty]}
                    resilience: {request-timeout-ms: 700}
                %4$s
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000, breaker: {failure-threshold: 1}}
                """.formatted(fake.baseUrl(), "context-window: 128000, max-output-tokens: 4096, capabilities: [tools, json], "
                + "input-price: 1.0, output-price: 2.0", "context-window: 128000, max-output-tokens: 4096, capabilities: [tools, json], "
                + "input-price: 3.0, output-price: 4.0", extra);
    }

    static String chat(String model, boolean tools, boolean stream) {
        JsonObject body = new JsonObject().put("model", model).put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "weather in Paris?")));
        return (tools ? body.put("tools", new JsonArray(TOOLS)) : body).encode();
    }

    static String attempts(HttpResponse<String> r) {
        return r.headers().firstValue("x-switchboard-attempts").orElse("");
    }

    static double cost(HttpResponse<String> r) {
        return Double.parseDouble(r.headers().firstValue("x-switchboard-cost-usd").orElseThrow());
    }

    /** The answer's text (chat completion JSON). */
    static String content(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "esc-empty | false | p-empty:poor(empty),std:ok",
        "esc-truncated | false | p-truncated:poor(truncated),std:ok",
        "esc-refusal | false | p-refuse:poor(refusal),std:ok",
        "esc-bad-args | true | p-bad-args:poor(invalid-tool-call),std-tools:ok",
        "esc-missing-field | true | p-missing-field:poor(invalid-tool-call),std-tools:ok",
        "esc-unknown-tool | true | p-unknown-tool:poor(invalid-tool-call),std-tools:ok"})
    void eachSignalReasksTheNextCandidate(String route, boolean tools, String expected) throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat(route, tools, false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(expected, attempts(r));
        JsonObject message = new JsonObject(r.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message");
        if (tools) {
            assertEquals("{\"city\":\"Paris\"}", message.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function")
                    .getString("arguments"), "the strong model's tool call");
        } else {
            assertEquals("echo: weather in Paris?", message.getString("content"), "the strong model's answer");
        }
        assertEquals(POOR_COST + (tools ? STD_TOOLS_COST : STD_COST), cost(r), 1e-12, "both calls are costed");
        JsonObject usage = new JsonObject(r.body()).getJsonObject("usage");
        assertEquals(tools ? 30 : 12, usage.getInteger("prompt_tokens"), "the body's usage is the answer's own");
    }

    @Test
    void truncatedWithEnoughContentIsServed() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("enough-chars", false, false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("p-truncated:ok", attempts(r), "22 characters are at least min-chars 10");
    }

    @Test
    void bothCallsAreCountedInStatsDecisionsAndMetrics() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("esc-stats", false, false));
        assertEquals("s-empty:poor(empty),s-std:ok", attempts(r));
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        JsonObject decision = node.decision(id);
        assertEquals("s-std", decision.getString("model"));
        assertEquals(24, decision.getInteger("input_tokens"), "both calls' tokens: " + decision.encodePrettily());
        assertEquals(POOR_COST + STD_COST, decision.getDouble("cost_usd"), 1e-12);
        JsonObject poor = decision.getJsonArray("attempts").getJsonObject(0);
        assertEquals("poor", poor.getString("outcome"));
        assertEquals("empty", poor.getString("signal"));
        assertEquals(POOR_COST, poor.getDouble("cost_usd"), 1e-12);

        JsonObject stats = new JsonObject(node.get("/v1/stats").body());
        JsonObject models = stats.getJsonObject("models");
        JsonObject empty = models.getJsonObject("s-empty");
        assertEquals(1, empty.getInteger("requests"), stats.encodePrettily());
        assertEquals(1, empty.getInteger("escalations"));
        assertEquals(12, empty.getInteger("input_tokens"));
        assertEquals(POOR_COST, empty.getDouble("cost_usd"), 1e-9);
        assertEquals("closed", empty.getString("breaker"), "a poor answer is an answer: no breaker failure (threshold 1)");
        JsonObject std = models.getJsonObject("s-std");
        assertEquals(1, std.getInteger("requests"));
        assertEquals(0, std.getInteger("escalations"));
        assertEquals(STD_COST, std.getDouble("cost_usd"), 1e-9);
        JsonObject route = stats.getJsonObject("routes").getJsonObject("esc-stats");
        assertEquals(1, route.getInteger("requests"));
        assertEquals(24, route.getInteger("input_tokens"));
        assertEquals(1, route.getInteger("escalations"));

        String metrics = node.get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_escalations_total{") && l.contains("route=\"esc-stats\"")
                && l.contains("model=\"s-empty\"") && l.contains("signal=\"empty\"") && l.endsWith(" 1.0")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_fallbacks_total{") && l.contains("model=\"s-empty\"")
                && l.contains("reason=\"poor\"") && l.contains("to=\"s-std\"")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_upstream_attempts_total{") && l.contains("model=\"s-empty\"")
                && l.contains("outcome=\"poor\"")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_tokens_total{") && l.contains("model=\"s-empty\"")
                && l.contains("route=\"esc-stats\"") && l.contains("input") && l.endsWith(" 12.0")), metrics);
    }

    @Test
    void maxEscalationsBoundsTheReasksAndTheLastPoorAnswerIsServedMarked() throws Exception {
        long std = fake.calls("ok");
        HttpResponse<String> once = node.post("/v1/chat/completions", chat("esc-once", false, false));
        assertEquals(200, once.statusCode(), once.body());
        assertEquals("p-empty:poor(empty),p-empty2:poor(empty)", attempts(once), "one escalation, then served as it is");
        assertEquals("", content(once));
        assertEquals(2 * POOR_COST, cost(once), 1e-12);
        assertEquals(std, fake.calls("ok"), "the third candidate is never asked");

        HttpResponse<String> twice = node.post("/v1/chat/completions", chat("esc-twice", false, false));
        assertEquals("p-empty:poor(empty),p-empty2:poor(empty),std:ok", attempts(twice));

        HttpResponse<String> alone = node.post("/v1/chat/completions", chat("esc-alone", false, false));
        assertEquals(200, alone.statusCode(), alone.body());
        assertEquals("p-empty:poor(empty)", attempts(alone), "no candidate left: served as it is, marked");
    }

    @Test
    void strongerSkipsTheSamePricedPeerWhichNextAsks() throws Exception {
        long empty = fake.calls("empty");
        HttpResponse<String> stronger = node.post("/v1/chat/completions", chat("esc-peers", false, false));
        assertEquals(200, stronger.statusCode(), stronger.body());
        assertEquals("p-empty:poor(empty),std:ok", attempts(stronger), "p-empty2 costs what p-empty costs: skipped, not an attempt");
        assertEquals("echo: weather in Paris?", content(stronger));
        assertEquals(POOR_COST + STD_COST, cost(stronger), 1e-12, "the skipped peer costs nothing");
        assertEquals(empty + 1, fake.calls("empty"), "the peer is never called");

        HttpResponse<String> stream = node.post("/v1/chat/completions", chat("esc-peers", false, true));
        assertEquals("p-empty:poor(empty),std:ok", attempts(stream), "a stream escalates to the same candidate");

        HttpResponse<String> next = node.post("/v1/chat/completions", chat("esc-once", false, false));
        assertEquals("p-empty:poor(empty),p-empty2:poor(empty)", attempts(next), "to: next asks the peer, in the route's order");
    }

    @Test
    void withNothingStrongerLeftTheNextCandidateIsAskedAllTheSame() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("esc-none-stronger", false, false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("p-empty-dear:poor(empty),std:ok", attempts(r), "std is cheaper than p-empty-dear, and better than an empty answer");
        assertEquals("echo: weather in Paris?", content(r));
    }

    @Test
    void anEscalationStaysWithinTheRequestsDeadline() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("esc-deadline", false, false));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(attempts(r).startsWith("p-late:poor(empty),std-slow:"), attempts(r));
        assertTrue(ms < 1400, "the escalation was cut at the 700 ms deadline, not after std-slow's 1.5 s: " + ms + " ms");
        assertEquals("", content(r),
                "the poor answer in hand, rather than an error");
    }

    @Test
    void noEscalationWithoutTheKeyOrForADirectModel() throws Exception {
        HttpResponse<String> route = node.post("/v1/chat/completions", chat("no-esc", false, false));
        assertEquals("p-empty:ok", attempts(route));
        HttpResponse<String> direct = node.post("/v1/chat/completions", chat("d-empty", false, false));
        assertEquals("d-empty:ok", attempts(direct), "a direct model request never escalates");
    }

    @Test
    void aStreamEscalatesOnEmptyBeforeAnythingWasSent() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("esc-empty", false, true));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("p-empty:poor(empty),std:ok", attempts(r));
        assertTrue(r.body().contains("\"content\":\"echo: \"") && r.body().contains("weather "), r.body());
        assertTrue(r.body().endsWith("data: [DONE]\n\n"), r.body());

        HttpResponse<String> alone = node.post("/v1/chat/completions", chat("esc-alone", false, true));
        assertEquals("p-empty:poor(empty)", attempts(alone), "no candidate left: the empty stream, as it is");
        assertTrue(alone.body().contains("\"finish_reason\":\"stop\"") && alone.body().endsWith("data: [DONE]\n\n"), alone.body());
    }

    @Test
    void whenEveryCandidateAfterAPoorAnswerFailsThePoorAnswerIsServed() throws Exception {
        HttpResponse<String> plain = node.post("/v1/chat/completions", chat("esc-then-500", false, false));
        assertEquals(200, plain.statusCode(), plain.body());
        assertEquals("p-empty:poor(empty),std-500:500", attempts(plain));
        assertEquals("", content(plain));
        HttpResponse<String> stream = node.post("/v1/chat/completions", chat("esc-then-503", false, true));
        assertEquals(200, stream.statusCode(), stream.body());
        assertEquals("p-empty:poor(empty),std-503:503", attempts(stream), "(its own model: breakers open at the first failure here)");
        assertTrue(stream.body().contains("\"finish_reason\":\"stop\"") && stream.body().endsWith("data: [DONE]\n\n"), stream.body());
    }

    @Test
    void aStreamNeverEscalatesOnceContentWasSent() throws Exception {
        long std = fake.calls("ok");
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("esc-refusal", false, true));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("p-refuse:ok", attempts(r), "the refusal's text was on its way: it is served");
        assertTrue(r.body().contains("I'm sorry"), r.body());
        assertEquals(std, fake.calls("ok"));
    }

    @Test
    void theEventBusEscalatesToo() throws Exception {
        Message<Object> reply = node.switchboard().vertx().eventBus()
                .request("switchboard.chat", new JsonObject(chat("esc-empty", false, false)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("p-empty:poor(empty),std:ok", reply.headers().get("x-switchboard-attempts"));
        assertEquals(POOR_COST + STD_COST, Double.parseDouble(reply.headers().get("x-switchboard-cost-usd")), 1e-12);
    }

    @Test
    void theMessagesFrontDoorEscalatesToo() throws Exception {
        HttpResponse<String> r = node.post("/v1/messages", new JsonObject().put("model", "esc-empty").put("max_tokens", 100)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "weather in Paris?"))).encode());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("p-empty:poor(empty),std:ok", attempts(r));
        assertTrue(r.body().contains("echo: weather in Paris?"), r.body());
    }

    @Test
    void theResponsesApiEscalatesToo() throws Exception {
        HttpResponse<String> r = node.post("/v1/responses", new JsonObject().put("model", "esc-empty").put("input", "weather in Paris?")
                .put("store", false).encode());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("p-empty:poor(empty),std:ok", attempts(r));
        assertTrue(r.body().contains("echo: weather in Paris?"), r.body());
        assertEquals(POOR_COST + STD_COST, cost(r), 1e-12);
    }

    @Test
    void aBadEscalationIsRejectedAtStartUpWithItsKeyPath() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> Node.start(config(fake, """
                  bad: {router: fixed, options: {models: [std]}, escalation: {on: [slow], max-escalations: 6}}
                """), null).close());
        String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        assertTrue(message.contains("routes.bad.escalation.on[0]") && message.contains("slow")
                && message.contains("routes.bad.escalation.max-escalations"), message);
    }

    @Test
    void aReloadTurnsARoutesEscalationOn() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("escalation", ".yaml");
        java.nio.file.Files.writeString(file, config(fake, ""));
        try (Node reloaded = Node.start(file)) {
            assertEquals("p-empty:ok", attempts(reloaded.post("/v1/chat/completions", chat("no-esc", false, false))));
            java.nio.file.Files.writeString(file, config(fake, "").replace("no-esc: {router: fixed, options: {models: [p-empty, std]}}",
                    "no-esc: {router: fixed, options: {models: [p-empty, std]}, escalation: {on: [empty]}}"));
            HttpResponse<String> reload = reloaded.post("/config/reload", "");
            assertEquals(200, reload.statusCode(), reload.body());
            assertEquals("p-empty:poor(empty),std:ok", attempts(reloaded.post("/v1/chat/completions", chat("no-esc", false, false))));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aKeysTokenLimitCountsBothCalls() throws Exception {
        String key = "sk-escalation-test-key";
        try (Node limited = Node.start(config(fake, """
                auth:
                  keys:
                    - {name: tight, key-sha256: %s, tpm: 50}
                """.formatted(dev.switchboard.engine.auth.KeyAuthenticator.sha256(key))), null)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.function.IntSupplier send = () -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(limited.url("/v1/chat/completions")))
                            .header("content-type", "application/json").header("authorization", "Bearer " + key)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat("esc-empty", false, false))).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            // 34 tokens a request (17 + 17): after two, 68 >= 50. Counting only the answers (17 each) would admit a third.
            long minute = System.currentTimeMillis() / 60_000;
            assertEquals(200, send.getAsInt());
            assertEquals(200, send.getAsInt());
            int third = send.getAsInt();
            org.junit.jupiter.api.Assumptions.assumeTrue(System.currentTimeMillis() / 60_000 == minute, "the tpm window turned");
            assertEquals(429, third, "the poor answers' tokens count against the key's tokens per minute");
        }
    }
}
