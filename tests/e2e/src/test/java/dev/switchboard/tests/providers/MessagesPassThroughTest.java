package dev.switchboard.tests.providers;

import static dev.switchboard.tests.providers.MessagesHttp.events;
import static dev.switchboard.tests.providers.MessagesHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anthropic in, Anthropic out: the client's body reaches an Anthropic upstream with only
 * {@code model} replaced, and the upstream's bytes (JSON or SSE) come back as they were sent,
 * while usage, cost, fallbacks and the decision log work as for any request. Claude Code's
 * requests are served both ways: passed through to Anthropic, and translated to another provider.
 */
class MessagesPassThroughTest {
    static AnthropicNode sb;
    static final String KEY = AnthropicNode.CLIENT_KEY;

    @BeforeAll
    static void start() throws Exception {
        sb = new AnthropicNode();
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
    }

    /** A request using what only Anthropic reads: thinking, top_k, cache_control, and a field this build does not know. */
    static JsonObject anthropicOnly(String model, boolean stream) {
        return new JsonObject().put("model", model).put("max_tokens", 2048)
                .put("system", new JsonArray().add(new JsonObject().put("type", "text").put("text", "You are terse.")
                        .put("cache_control", new JsonObject().put("type", "ephemeral"))))
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", new JsonArray()
                        .add(new JsonObject().put("type", "text").put("text", "hello passthrough")
                                .put("cache_control", new JsonObject().put("type", "ephemeral"))))))
                .put("thinking", new JsonObject().put("type", "enabled").put("budget_tokens", 1024))
                .put("top_k", 5).put("metadata", new JsonObject().put("user_id", "u-42"))
                .put("future_field", new JsonObject().put("x", 1)).put("stream", stream);
    }

    /** What the fake answers when called directly with {@code body} (model already replaced). */
    static String direct(JsonObject body) throws Exception {
        return post(sb.anthropic.baseUrl() + "/v1/messages", body.encode(), "x-api-key", "sk-test-secret").body();
    }

    @Test
    void jsonPassesThroughBothWays() throws Exception {
        JsonObject body = anthropicOnly("claude", false);
        HttpResponse<String> r = post(sb.node.url("/v1/messages"), body.encode(), "x-api-key", KEY,
                "anthropic-version", "2023-06-01", "anthropic-beta", "interleaved-thinking-2025-05-14");
        assertEquals(200, r.statusCode(), r.body());

        FakeUpstream.Received got = sb.anthropic.lastMessages();
        assertEquals(body.copy().put("model", "claude-fake-4"), got.body(), "only model is replaced");
        assertEquals("sk-test-secret", got.header("x-api-key"), "the provider's key goes upstream, never the client's");
        assertEquals("interleaved-thinking-2025-05-14", got.header("anthropic-beta"));
        assertEquals("2023-06-01", got.header("anthropic-version"));

        assertEquals(direct(got.body()), r.body(), "the upstream's bytes come back untranslated");
        assertEquals("0.00013800", r.headers().firstValue("x-switchboard-cost-usd").orElseThrow(), "11 in at $3/M + 7 out at $15/M");
        assertEquals("claude", r.headers().firstValue("x-switchboard-model").orElseThrow());
    }

    @Test
    void streamPassesThroughBothWaysAndIsCosted() throws Exception {
        String id = "req-" + UUID.randomUUID();
        JsonObject body = anthropicOnly("claude", true);
        HttpResponse<String> r = post(sb.node.url("/v1/messages"), body.encode(), "x-api-key", KEY, "x-request-id", id);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/event-stream", r.headers().firstValue("content-type").orElseThrow());

        JsonObject sent = sb.anthropic.lastMessages().body();
        assertEquals(body.copy().put("model", "claude-fake-4"), sent);
        assertEquals(direct(sent), r.body(), "the upstream's SSE bytes come back as they were sent");

        JsonObject decision = decision(id);
        assertEquals("claude", decision.getString("model"));
        assertEquals(FakeUpstream.PROMPT_TOKENS, decision.getInteger("input_tokens"));
        assertEquals(FakeUpstream.COMPLETION_TOKENS, decision.getInteger("output_tokens"));
        assertEquals(0.000138, decision.getDouble("cost_usd"), 1e-12);
    }

    @Test
    void fallbackFromOpenAiToClaudeStillPassesThrough() throws Exception {
        JsonObject body = anthropicOnly("failover", false);
        HttpResponse<String> r = post(sb.node.url("/v1/messages"), body.encode(), "x-api-key", KEY);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("gpt-500:500,claude:ok", r.headers().firstValue("x-switchboard-attempts").orElseThrow());
        assertEquals("failover", r.headers().firstValue("x-switchboard-route").orElseThrow());
        assertEquals(direct(sb.anthropic.lastMessages().body()), r.body());

        HttpResponse<String> s = post(sb.node.url("/v1/messages"), anthropicOnly("failover", true).encode(), "x-api-key", KEY);
        assertEquals(200, s.statusCode(), s.body());
        assertEquals("gpt-500:500,claude:ok", s.headers().firstValue("x-switchboard-attempts").orElseThrow());
        assertEquals(direct(sb.anthropic.lastMessages().body()), s.body());
    }

    /** Claude Code's request: ?beta=true, its headers and beta flags, system blocks with cache_control, its tools, a stream. */
    static JsonObject claudeCodeBody(String model) {
        JsonObject bash = new JsonObject().put("name", "Bash").put("description", "Executes a given bash command")
                .put("input_schema", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("command", new JsonObject().put("type", "string")))
                        .put("required", new JsonArray().add("command")).put("additionalProperties", false)
                        .put("$schema", "http://json-schema.org/draft-07/schema#"));
        JsonObject read = new JsonObject().put("name", "Read").put("description", "Reads a file")
                .put("input_schema", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("file_path", new JsonObject().put("type", "string"))));
        return new JsonObject().put("model", model).put("max_tokens", 32000).put("stream", true)
                .put("system", new JsonArray()
                        .add(new JsonObject().put("type", "text").put("text", "You are Claude Code, Anthropic's official CLI for Claude."))
                        .add(new JsonObject().put("type", "text").put("text", "Be concise.")
                                .put("cache_control", new JsonObject().put("type", "ephemeral"))))
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", new JsonArray()
                        .add(new JsonObject().put("type", "text").put("text", "<system-reminder>context</system-reminder>"))
                        .add(new JsonObject().put("type", "text").put("text", "Please explain, then list the files")
                                .put("cache_control", new JsonObject().put("type", "ephemeral"))))))
                .put("tools", new JsonArray().add(bash).add(read))
                .put("thinking", new JsonObject().put("type", "enabled").put("budget_tokens", 31999))
                .put("metadata", new JsonObject().put("user_id", "user_abc_account_x_session_y"));
    }

    static HttpResponse<String> claudeCode(String model) throws Exception {
        return post(sb.node.url("/v1/messages?beta=true"), claudeCodeBody(model).encode(),
                "authorization", "Bearer " + KEY, "anthropic-version", "2023-06-01",
                "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14",
                "anthropic-dangerous-direct-browser-access", "true", "x-app", "cli", "user-agent", "claude-cli/2.0.0 (external, cli)",
                "x-stainless-lang", "js", "x-stainless-retry-count", "0");
    }

    @Test
    void claudeCodeMappedToAnotherProvider() throws Exception {
        HttpResponse<String> r = claudeCode("claude-sonnet-4-5");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("or-llama", r.headers().firstValue("x-switchboard-model").orElseThrow());
        List<MessagesHttp.Event> events = events(r.body());
        List<String> names = events.stream().map(MessagesHttp.Event::name).collect(Collectors.toList());
        assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"), collapse(names),
                "a text block (the preamble), then a tool_use block: " + names);
        MessagesHttp.Event toolStart = events.stream().filter(e -> e.name().equals("content_block_start")
                && "tool_use".equals(e.data().getJsonObject("content_block").getString("type"))).findFirst().orElseThrow();
        assertEquals("Bash", toolStart.data().getJsonObject("content_block").getString("name"));
        String json = events.stream().filter(e -> e.name().equals("content_block_delta")
                        && "input_json_delta".equals(e.data().getJsonObject("delta").getString("type")))
                .map(e -> e.data().getJsonObject("delta").getString("partial_json")).collect(Collectors.joining());
        assertEquals(Reply.TOOL_ARGS, new JsonObject(json));
        JsonObject delta = events.get(events.size() - 2).data();
        assertEquals("tool_use", delta.getJsonObject("delta").getString("stop_reason"));
        assertEquals(FakeUpstream.COMPLETION_TOKENS, delta.getJsonObject("usage").getInteger("output_tokens"));

        JsonObject upstream = sb.openRouter.last(c -> c.path().endsWith("/chat/completions")).body();
        assertEquals("meta-llama/llama-3.1-70b-instruct", upstream.getString("model"));
        assertEquals(List.of("Bash", "Read"), upstream.getJsonArray("tools").stream()
                .map(t -> ((JsonObject) t).getJsonObject("function").getString("name")).collect(Collectors.toList()));
        assertEquals("system", upstream.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals(32000, upstream.getInteger("max_tokens"));
    }

    /** The event names with each run of deltas counted once (how many pieces depends on the words). */
    private static List<String> collapse(List<String> names) {
        List<String> out = new java.util.ArrayList<>();
        for (String n : names) {
            if (!(n.equals("content_block_delta") && !out.isEmpty() && out.get(out.size() - 1).equals(n))) {
                out.add(n);
            }
        }
        return out;
    }

    @Test
    void claudeCodePassedThroughToAnthropic() throws Exception {
        HttpResponse<String> r = claudeCode("claude");
        assertEquals(200, r.statusCode(), r.body());
        FakeUpstream.Received got = sb.anthropic.lastMessages();
        assertEquals(claudeCodeBody("claude-fake-4"), got.body());
        assertEquals("claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14",
                got.header("anthropic-beta"));
        assertEquals(direct(got.body()), r.body());
        assertTrue(events(r.body()).stream().anyMatch(e -> e.name().equals("content_block_delta")
                && "input_json_delta".equals(e.data().getJsonObject("delta").getString("type"))));
    }

    /** The decision logged for a request id, polled until the stream's record is in. */
    static JsonObject decision(String requestId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            String body = sb.node.get("/v1/decisions?limit=50").body();
            JsonArray list = new JsonObject(body).getJsonArray("data");
            for (Object o : list) {
                if (requestId.equals(((JsonObject) o).getString("request_id"))) {
                    return (JsonObject) o;
                }
            }
            assertTrue(System.currentTimeMillis() < deadline, "no decision for " + requestId + " in " + body);
            Thread.sleep(50);
        }
    }
}
