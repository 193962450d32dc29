package dev.switchboard.tests.providers;

import static dev.switchboard.tests.providers.SdkConversations.content;
import static dev.switchboard.tests.providers.SdkConversations.finishReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI SDK talks to Switchboard; Switchboard talks Anthropic's Messages API to the fake. */
class AnthropicProviderTest {
    static FakeAnthropic fake;
    static ProviderNode sb;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeAnthropic();
        sb = ProviderNode.start("""
                  anthropic: {type: anthropic, base-url: "%s", api-key: "${TEST_KEY}"}
                """.formatted(fake.baseUrl()), """
                  claude: {provider: anthropic, upstream-model: claude-fake-4, context-window: 200000, max-output-tokens: 4096,
                           capabilities: [vision, tools], input-price: 3, output-price: 15}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
        fake.close();
    }

    @Test
    void plainText() {
        ChatCompletion c = SdkConversations.plain(sb.client, "claude", "hello claude");
        assertEquals("echo: hello claude", content(c));
        assertEquals("stop", finishReason(c));
        ProviderAssertions.assertFakeUsage(c.usage().orElseThrow());

        FakeUpstream.Received got = fake.lastMessages();
        assertEquals("POST", got.method());
        assertEquals("sk-test-secret", got.header("x-api-key"));
        assertEquals("2023-06-01", got.header("anthropic-version"));
        assertEquals("claude-fake-4", got.body().getString("model"));
        assertEquals(4096, got.body().getInteger("max_tokens"), "max_tokens defaults to the model's max output");
        assertFalse(got.body().getBoolean("stream", false));
        assertEquals("hello claude", FakeAnthropic.understand(got.body()).lastUserText());
    }

    @Test
    void imageAsBase64Source() {
        ChatCompletion c = SdkConversations.withImage(sb.client, "claude", "what is this?");
        assertEquals("echo: what is this? [1 image(s)]", content(c));

        JsonArray blocks = fake.lastMessages().body().getJsonArray("messages").getJsonObject(0).getJsonArray("content");
        JsonObject image = blocks.stream().map(JsonObject.class::cast).filter(b -> "image".equals(b.getString("type")))
                .findFirst().orElseThrow();
        assertEquals(new JsonObject().put("type", "base64").put("media_type", "image/png").put("data", SdkConversations.PNG_BASE64),
                image.getJsonObject("source"));
    }

    @Test
    void systemPromptBecomesTopLevelSystem() {
        ChatCompletion c = SdkConversations.withSystem(sb.client, "claude", "You are terse.", "hi");
        assertEquals("echo: hi", content(c));

        JsonObject body = fake.lastMessages().body();
        assertEquals("You are terse.", body.getValue("system"));
        JsonArray messages = body.getJsonArray("messages");
        assertEquals(1, messages.size(), "the system message is not sent as a turn: " + messages);
        assertEquals("user", messages.getJsonObject(0).getString("role"));
    }

    @Test
    void toolRoundTrip() {
        SdkConversations.ToolRoundTrip trip = SdkConversations.toolRoundTrip(sb.client, "claude");
        assertEquals("tool_calls", finishReason(trip.call()));
        ChatCompletionMessageFunctionToolCall call = trip.toolCall();
        assertEquals("toolu_fake1", call.id());
        assertEquals(SdkConversations.TOOL_NAME, call.function().name());
        assertEquals(Reply.TOOL_ARGS, new JsonObject(call.function().arguments()));
        assertEquals("final: " + SdkConversations.TOOL_RESULT, content(trip.answer()));
        assertEquals("stop", finishReason(trip.answer()));

        JsonObject first = fake.received().get(fake.received().size() - 2).body();
        JsonObject tool = first.getJsonArray("tools").getJsonObject(0);
        assertEquals(SdkConversations.TOOL_NAME, tool.getString("name"));
        assertEquals("string", tool.getJsonObject("input_schema").getJsonObject("properties").getJsonObject("city").getString("type"));

        JsonArray messages = fake.lastMessages().body().getJsonArray("messages");
        assertEquals(3, messages.size(), "user, assistant tool_use, user tool_result: " + messages);
        JsonObject toolUse = messages.getJsonObject(1).getJsonArray("content").getJsonObject(0);
        assertEquals("assistant", messages.getJsonObject(1).getString("role"));
        assertEquals("tool_use", toolUse.getString("type"));
        assertEquals("toolu_fake1", toolUse.getString("id"));
        assertEquals(Reply.TOOL_ARGS, toolUse.getJsonObject("input"));
        JsonObject result = messages.getJsonObject(2).getJsonArray("content").getJsonObject(0);
        assertEquals("user", messages.getJsonObject(2).getString("role"));
        assertEquals("tool_result", result.getString("type"));
        assertEquals("toolu_fake1", result.getString("tool_use_id"));
        assertEquals(SdkConversations.TOOL_RESULT, result.getValue("content"));
    }

    @Test
    void jsonModeIsRejectedForWantOfTheCapability() {
        int callsBefore = fake.received().size();
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> SdkConversations.jsonMode(sb.client, "claude", "give me json"));
        assertEquals(400, e.statusCode());
        assertTrue(e.getMessage().contains("json capability"), e.getMessage());
        assertEquals(callsBefore, fake.received().size(), "no upstream call is made");
    }

    @Test
    void streaming() {
        SdkConversations.Streamed s = SdkConversations.stream(sb.client, "claude", "stream me please");
        assertEquals("echo: stream me please", s.text());
        assertEquals("stop", s.finishReason());
        ProviderAssertions.assertFakeUsage(s.usage().orElseThrow());
        assertTrue(s.chunks() > 3, "the answer arrives in pieces, got " + s.chunks() + " chunks");
        assertEquals(true, fake.lastMessages().body().getBoolean("stream"));
    }

    @Test
    void toolCallWithTextBeforeIt() {
        ProviderAssertions.assertToolCallWithTextBeforeIt(sb.client, "claude");
    }

    /** Streamed tool call: tool_use block and input_json_delta fragments become one tool call. */
    @Test
    void streamedToolCall() {
        SdkConversations.Streamed s = SdkConversations.streamToolCall(sb.client, "claude");
        ProviderAssertions.assertStreamedToolCall(s);
        assertEquals("toolu_fake1", s.toolCallId());
        assertEquals(SdkConversations.TOOL_NAME, fake.lastMessages().body().getJsonArray("tools").getJsonObject(0).getString("name"));
    }
}
