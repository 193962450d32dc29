package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible HTTP API against a fake OpenAI upstream, over real sockets. */
class HttpApiTest {
    static FakeOpenAi fake;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(Configs.openAi(fake), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static String chat(String model, String text) {
        return dev.switchboard.tests.support.Chats.chat(model, text);
    }

    @Test
    void theUpstreamGetsTheClientsBytesWithOnlyTheModelReplaced() throws Exception {
        String body = "{\n  \"messages\": [ {\"role\": \"user\", \"content\": \"caf\\u00e9 \\\"quoted\\\"\"} ],\n"
                + "  \"model\":\"m-ok\" , \"x_vendor\": {\"model\": \"keep\", \"n\": 1.50}, \"max_tokens\": 16 }";
        HttpResponse<String> r = node.post("/v1/chat/completions", body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(body.replace("\"model\":\"m-ok\"", "\"model\":\"ok\""), fake.last("ok").raw(),
                "formatting, escapes, number spelling and unknown fields as the client sent them");
    }

    @Test
    void nonStreamingChatIsServedAndAttributed() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("m-ok", "hello there"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals("chat.completion", body.getString("object"));
        assertEquals("echo: hello there", body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("fp_fake", body.getString("system_fingerprint"));
        assertEquals(17, body.getJsonObject("usage").getInteger("total_tokens"));
        // 12 in x $1/M + 5 out x $2/M
        assertEquals(0.000022, body.getJsonObject("usage").getDouble("cost"), 1e-12);
        assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertEquals("direct", r.headers().firstValue("x-switchboard-reason").orElseThrow());
        assertEquals("m-ok:ok", r.headers().firstValue("x-switchboard-attempts").orElseThrow());
        FakeOpenAi.Received got = fake.last("ok");
        assertEquals("Bearer sk-test-secret", got.headers().getString("authorization"));
        assertEquals("acme", got.headers().getString("x-org"));
    }

    @Test
    void aliasPathAndUnknownFieldsPassThrough() throws Exception {
        JsonObject req = new JsonObject(chat("m-ok", "passthrough")).put("seed", 42).put("logit_bias", new JsonObject().put("50256", -100))
                .put("x_vendor_field", "kept");
        HttpResponse<String> r = node.post("/chat/completions", req.encode());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject sent = fake.last("ok").body();
        assertEquals(42, sent.getInteger("seed"));
        assertEquals("kept", sent.getString("x_vendor_field"));
        assertEquals(-100, sent.getJsonObject("logit_bias").getInteger("50256"));
    }

    @Test
    void streamingSendsSseChunksAndDone() throws Exception {
        JsonObject req = new JsonObject(chat("m-ok", "stream me please")).put("stream", true);
        HttpResponse<String> r = node.post("/v1/chat/completions", req.encode());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
        List<JsonObject> chunks = chunks(r.body());
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.getJsonArray("choices").forEach(o -> {
            Object content = ((JsonObject) o).getJsonObject("delta").getValue("content");
            if (content != null) {
                text.append(content);
            }
        }));
        assertEquals("echo: stream me please", text.toString());
        assertTrue(r.body().endsWith("data: [DONE]\n\n"));
        assertTrue(chunks.stream().noneMatch(c -> c.containsKey("usage")), "no usage chunk unless the client asks");
        assertEquals(true, fake.last("ok").body().getJsonObject("stream_options").getBoolean("include_usage"));
    }

    @Test
    void streamingWithIncludeUsageEndsWithUsageChunk() throws Exception {
        JsonObject req = new JsonObject(chat("m-ok", "usage please")).put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true));
        HttpResponse<String> r = node.post("/v1/chat/completions", req.encode());
        List<JsonObject> chunks = chunks(r.body());
        JsonObject last = chunks.get(chunks.size() - 1);
        assertTrue(last.getJsonArray("choices").isEmpty());
        assertEquals(17, last.getJsonObject("usage").getInteger("total_tokens"));
        assertNotNull(last.getJsonObject("usage").getDouble("cost"));
    }

    @Test
    void upstream4xxIsPassedThroughWithItsMessage() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("m-400", "bad"));
        assertEquals(400, r.statusCode());
        JsonObject err = new JsonObject(r.body()).getJsonObject("error");
        assertTrue(err.getString("message").contains("Invalid value for 'temperature'"), err.encode());
        assertTrue(err.getString("message").contains("provider 'fake'"), err.encode());
        assertEquals("invalid_value", err.getString("code"));
    }

    @Test
    void upstream401IsAnAuthError() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("m-401", "x"));
        assertEquals(401, r.statusCode());
        assertEquals("authentication_error", new JsonObject(r.body()).getJsonObject("error").getString("type"));
    }

    @Test
    void upstream5xxFallsBackToTheConfiguredFallback() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("m-500", "fallback"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertEquals("m-500:500,m-ok:ok", r.headers().firstValue("x-switchboard-attempts").orElseThrow());
    }

    @Test
    void upstream5xxWithoutFallbackIs502WithAttempts() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("m-500-alone", "x"));
        assertEquals(502, r.statusCode(), r.body());
        JsonObject err = new JsonObject(r.body()).getJsonObject("error");
        assertEquals("server_error", err.getString("type"));
        assertEquals(1, err.getJsonArray("attempts").size());
    }

    @Test
    void unreachableUpstreamIs502NamingTheProvider() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("m-dead", "x"));
        assertEquals(502, r.statusCode(), r.body());
        String message = new JsonObject(r.body()).getJsonObject("error").getString("message");
        assertTrue(message.contains("cannot reach provider 'dead'"), message);
        assertFalse(r.body().contains("at io.") || r.body().contains("Exception:"), "no stack traces: " + r.body());
    }

    @Test
    void missingProviderKeyNamesTheVariable() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("m-nokey", "x"));
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("UNSET_OPENAI_KEY"), r.body());
    }

    @Test
    void routeIsServedByItsRouterWithHeaders() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat("pinned", "route me"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("pinned", r.headers().firstValue("x-switchboard-route").orElseThrow());
        assertEquals("m-ok", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertTrue(r.headers().firstValue("x-switchboard-reason").orElseThrow().startsWith("fixed"));
    }

    @Test
    void modelsListsCatalogAndRoutes() throws Exception {
        HttpResponse<String> r = node.get("/v1/models");
        assertEquals(200, r.statusCode());
        JsonObject body = new JsonObject(r.body());
        assertEquals("list", body.getString("object"));
        List<String> ids = new ArrayList<>();
        body.getJsonArray("data").forEach(o -> ids.add(((JsonObject) o).getString("id")));
        assertTrue(ids.contains("m-ok") && ids.contains("pinned"), ids.toString());
    }

    @Test
    void healthReportsPluginsAndProviders() throws Exception {
        HttpResponse<String> r = node.get("/health");
        assertEquals(200, r.statusCode());
        JsonObject body = new JsonObject(r.body());
        assertEquals("ok", body.getString("status"));
        assertTrue(body.getJsonArray("plugins").size() >= 2);
        assertFalse(r.body().contains("sk-test-secret"));
    }

    @Test
    void livenessAndReadinessAnswerForOrchestrators() throws Exception {
        HttpResponse<String> live = node.get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("ok", new JsonObject(live.body()).getString("status"));
        HttpResponse<String> ready = node.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject checks = new JsonObject(ready.body()).getJsonObject("checks");
        assertEquals("ok", checks.getString("started"));
        assertEquals("ok", checks.getString("event_loops"));
        assertEquals("ok", checks.getString("memory"));
        assertEquals("disabled", checks.getString("cluster"));
        assertEquals(checks, new JsonObject(node.get("/health").body()).getJsonObject("checks"), "/health carries the same checks");
    }

    @Test
    void routeExplanationCallsNoUpstream() throws Exception {
        int before = fake.received().size();
        HttpResponse<String> r = node.post("/v1/route", chat("pinned", "explain"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject plan = new JsonObject(r.body());
        assertEquals("m-500-alone", plan.getString("model"));
        assertEquals("fixed", plan.getString("router"));
        assertEquals(2, plan.getJsonArray("candidates").size());
        assertEquals(before, fake.received().size());
    }

    static List<JsonObject> chunks(String sse) {
        List<JsonObject> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("data: ") && !event.equals("data: [DONE]")) {
                out.add(new JsonObject(event.substring(6)));
            }
        }
        return out;
    }

    static void assertNoError(JsonObject o) {
        assertNull(o.getValue("error"));
    }
}
