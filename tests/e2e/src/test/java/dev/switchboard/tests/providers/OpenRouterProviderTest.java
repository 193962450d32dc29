package dev.switchboard.tests.providers;

import static dev.switchboard.tests.providers.SdkConversations.content;
import static dev.switchboard.tests.providers.SdkConversations.finishReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.completions.CompletionUsage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI SDK talks to Switchboard; Switchboard passes OpenAI-format calls to the OpenRouter fake. */
class OpenRouterProviderTest {
    static FakeOpenRouter fake;
    static ProviderNode sb;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenRouter();
        sb = ProviderNode.start("""
                  openrouter: {type: openrouter, base-url: "%s", api-key: "${TEST_KEY}",
                               http-referer: "https://app.example", x-title: SwitchboardTests}
                """.formatted(fake.baseUrl()), """
                  llama-70b: {provider: openrouter, upstream-model: "meta-llama/llama-3.1-70b-instruct:nitro", context-window: 131072,
                              max-output-tokens: 8192, capabilities: [vision, tools, json], input-price: 0.12, output-price: 0.3}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
        fake.close();
    }

    @Test
    void plainTextWithAttributionAndCost() {
        ChatCompletion c = SdkConversations.plain(sb.client, "llama-70b", "hello router");
        assertEquals("echo: hello router", content(c));
        assertEquals("stop", finishReason(c));
        ProviderAssertions.assertFakeUsage(c.usage().orElseThrow());
        assertCost(c.usage().orElseThrow());

        FakeUpstream.Received got = fake.lastChat();
        assertEquals("Bearer sk-test-secret", got.header("authorization"));
        assertEquals("https://app.example", got.header("http-referer"));
        assertEquals("SwitchboardTests", got.header("x-title"));
        assertEquals("meta-llama/llama-3.1-70b-instruct:nitro", got.body().getString("model"));
    }

    @Test
    void imagePassesThrough() {
        ChatCompletion c = SdkConversations.withImage(sb.client, "llama-70b", "what is this?");
        assertEquals("echo: what is this? [1 image(s)]", content(c));

        JsonArray parts = fake.lastChat().body().getJsonArray("messages").getJsonObject(0).getJsonArray("content");
        JsonObject image = parts.stream().map(JsonObject.class::cast).filter(p -> "image_url".equals(p.getString("type")))
                .findFirst().orElseThrow();
        assertEquals("data:image/png;base64," + SdkConversations.PNG_BASE64, image.getJsonObject("image_url").getString("url"));
    }

    @Test
    void systemPromptPassesThrough() {
        ChatCompletion c = SdkConversations.withSystem(sb.client, "llama-70b", "You are terse.", "hi");
        assertEquals("echo: hi", content(c));

        JsonObject system = fake.lastChat().body().getJsonArray("messages").getJsonObject(0);
        assertEquals("system", system.getString("role"));
        assertEquals("You are terse.", system.getString("content"));
    }

    @Test
    void toolRoundTrip() {
        SdkConversations.ToolRoundTrip trip = SdkConversations.toolRoundTrip(sb.client, "llama-70b");
        assertEquals("tool_calls", finishReason(trip.call()));
        ChatCompletionMessageFunctionToolCall call = trip.toolCall();
        assertEquals("call_fake1", call.id());
        assertEquals(SdkConversations.TOOL_NAME, call.function().name());
        assertEquals(Reply.TOOL_ARGS, new JsonObject(call.function().arguments()));
        assertEquals("final: " + SdkConversations.TOOL_RESULT, content(trip.answer()));
        assertEquals("stop", finishReason(trip.answer()));

        JsonArray messages = fake.lastChat().body().getJsonArray("messages");
        assertEquals(3, messages.size(), messages.encode());
        JsonObject assistantCall = messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("call_fake1", assistantCall.getString("id"));
        assertEquals(Reply.TOOL_ARGS, new JsonObject(assistantCall.getJsonObject("function").getString("arguments")));
        JsonObject tool = messages.getJsonObject(2);
        assertEquals("tool", tool.getString("role"));
        assertEquals("call_fake1", tool.getString("tool_call_id"));
        assertEquals(SdkConversations.TOOL_RESULT, tool.getString("content"));
    }

    @Test
    void jsonMode() {
        ChatCompletion c = SdkConversations.jsonMode(sb.client, "llama-70b", "give me json");
        assertEquals(new JsonObject().put("echo", "give me json"), new JsonObject(content(c)));
        assertEquals(new JsonObject().put("type", "json_object"), fake.lastChat().body().getJsonObject("response_format"));
    }

    @Test
    void streamingWithCostInTheUsageChunk() {
        SdkConversations.Streamed s = SdkConversations.stream(sb.client, "llama-70b", "stream me please");
        assertEquals("echo: stream me please", s.text());
        assertEquals("stop", s.finishReason());
        CompletionUsage usage = s.usage().orElseThrow();
        ProviderAssertions.assertFakeUsage(usage);
        assertCost(usage);

        JsonObject body = fake.lastChat().body();
        assertEquals(true, body.getBoolean("stream"));
        assertEquals(true, body.getJsonObject("stream_options").getBoolean("include_usage"));
        assertEquals("https://app.example", fake.lastChat().header("http-referer"));
    }

    private static void assertCost(CompletionUsage usage) {
        JsonValue cost = usage._additionalProperties().get("cost");
        assertTrue(cost != null, "usage.cost is passed back: " + usage);
        assertEquals(FakeOpenRouter.COST, ((Number) cost.asNumber().orElseThrow()).doubleValue(), 1e-12);
    }

    @Test
    void toolCallWithTextBeforeIt() {
        ProviderAssertions.assertToolCallWithTextBeforeIt(sb.client, "llama-70b");
    }

    /** Streamed tool call: tool-call chunks pass through, cost still arrives. */
    @Test
    void streamedToolCall() {
        SdkConversations.Streamed s = SdkConversations.streamToolCall(sb.client, "llama-70b");
        ProviderAssertions.assertStreamedToolCall(s);
        assertEquals("call_fake1", s.toolCallId());
        assertCost(s.usage().orElseThrow());
    }
}
