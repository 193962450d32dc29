package dev.switchboard.tests.providers;

import static dev.switchboard.tests.providers.SdkConversations.content;
import static dev.switchboard.tests.providers.SdkConversations.finishReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI SDK talks to Switchboard; Switchboard talks the Gemini API to the fake. */
class GeminiProviderTest {
    static FakeGemini fake;
    static ProviderNode sb;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeGemini();
        sb = ProviderNode.start("""
                  gemini: {type: gemini, base-url: "%s", api-key: "${TEST_KEY}"}
                """.formatted(fake.baseUrl()), """
                  flash: {provider: gemini, upstream-model: gemini-fake-flash, context-window: 1048576, max-output-tokens: 8192,
                          capabilities: [vision, tools, json], input-price: 0.3, output-price: 2.5}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
        fake.close();
    }

    @Test
    void plainText() {
        ChatCompletion c = SdkConversations.plain(sb.client, "flash", "hello gemini");
        assertEquals("echo: hello gemini", content(c));
        assertEquals("stop", finishReason(c));
        assertEquals("resp-fake1", c.id());
        assertEquals("gemini-fake-001", c.model());
        ProviderAssertions.assertFakeUsage(c.usage().orElseThrow());

        FakeUpstream.Received got = fake.lastCall("generateContent");
        assertEquals("/v1beta/models/gemini-fake-flash:generateContent", got.path());
        assertEquals("sk-test-secret", got.header("x-goog-api-key"));
        assertEquals(new JsonArray().add(new JsonObject().put("role", "user")
                .put("parts", new JsonArray().add(new JsonObject().put("text", "hello gemini")))), got.body().getJsonArray("contents"));
    }

    @Test
    void imageAsInlineData() {
        ChatCompletion c = SdkConversations.withImage(sb.client, "flash", "what is this?");
        assertEquals("echo: what is this? [1 image(s)]", content(c));

        JsonArray parts = fake.lastCall("generateContent").body().getJsonArray("contents").getJsonObject(0).getJsonArray("parts");
        JsonObject image = parts.stream().map(JsonObject.class::cast).filter(p -> p.containsKey("inline_data"))
                .findFirst().orElseThrow(() -> new AssertionError("no inline_data part in " + parts));
        assertEquals(new JsonObject().put("mime_type", "image/png").put("data", SdkConversations.PNG_BASE64),
                image.getJsonObject("inline_data"));
    }

    @Test
    void systemPromptBecomesSystemInstruction() {
        ChatCompletion c = SdkConversations.withSystem(sb.client, "flash", "You are terse.", "hi");
        assertEquals("echo: hi", content(c));

        JsonObject body = fake.lastCall("generateContent").body();
        assertEquals(new JsonArray().add(new JsonObject().put("text", "You are terse.")),
                body.getJsonObject("systemInstruction").getJsonArray("parts"));
        assertEquals(1, body.getJsonArray("contents").size(), "the system message is not sent as a turn: " + body);
    }

    @Test
    void toolRoundTrip() {
        SdkConversations.ToolRoundTrip trip = SdkConversations.toolRoundTrip(sb.client, "flash");
        assertEquals("tool_calls", finishReason(trip.call()));
        ChatCompletionMessageFunctionToolCall call = trip.toolCall();
        assertEquals("call_0", call.id());
        assertEquals(SdkConversations.TOOL_NAME, call.function().name());
        assertEquals(Reply.TOOL_ARGS, new JsonObject(call.function().arguments()));
        assertEquals("final: " + SdkConversations.TOOL_RESULT, content(trip.answer()));
        assertEquals("stop", finishReason(trip.answer()));

        JsonObject first = fake.received().get(fake.received().size() - 2).body();
        JsonObject declaration = first.getJsonArray("tools").getJsonObject(0).getJsonArray("functionDeclarations").getJsonObject(0);
        assertEquals(SdkConversations.TOOL_NAME, declaration.getString("name"));
        assertEquals("Current weather in a city", declaration.getString("description"));
        assertTrue(declaration.getJsonObject("parameters").getJsonObject("properties").containsKey("city"), declaration.encode());

        JsonArray contents = fake.lastCall("generateContent").body().getJsonArray("contents");
        assertEquals(3, contents.size(), "user, model functionCall, user functionResponse: " + contents);
        JsonObject model = contents.getJsonObject(1);
        assertEquals("model", model.getString("role"));
        JsonObject functionCall = model.getJsonArray("parts").getJsonObject(0).getJsonObject("functionCall");
        assertEquals(SdkConversations.TOOL_NAME, functionCall.getString("name"));
        assertEquals(Reply.TOOL_ARGS, functionCall.getJsonObject("args"));
        JsonObject response = contents.getJsonObject(2).getJsonArray("parts").getJsonObject(0).getJsonObject("functionResponse");
        assertEquals("user", contents.getJsonObject(2).getString("role"));
        assertEquals(SdkConversations.TOOL_NAME, response.getString("name"), "named after the call it answers");
        assertEquals(new JsonObject().put("content", SdkConversations.TOOL_RESULT), response.getJsonObject("response"));
    }

    @Test
    void jsonMode() {
        ChatCompletion c = SdkConversations.jsonMode(sb.client, "flash", "give me json");
        assertEquals(new JsonObject().put("echo", "give me json"), new JsonObject(content(c)));

        JsonObject config = fake.lastCall("generateContent").body().getJsonObject("generationConfig");
        assertEquals("application/json", config.getString("responseMimeType"));
        assertFalse(config.containsKey("responseSchema"), "json_object sends no schema");
    }

    @Test
    void streaming() {
        SdkConversations.Streamed s = SdkConversations.stream(sb.client, "flash", "stream me please");
        assertEquals("echo: stream me please", s.text());
        assertEquals("stop", s.finishReason());
        ProviderAssertions.assertFakeUsage(s.usage().orElseThrow());
        assertTrue(s.chunks() > 3, "the answer arrives in pieces, got " + s.chunks() + " chunks");

        FakeUpstream.Received got = fake.lastCall("streamGenerateContent");
        assertEquals("/v1beta/models/gemini-fake-flash:streamGenerateContent", got.path());
        assertEquals("alt=sse", got.query());
        assertEquals("sk-test-secret", got.header("x-goog-api-key"));
    }

    @Test
    void toolCallWithTextBeforeIt() {
        ProviderAssertions.assertToolCallWithTextBeforeIt(sb.client, "flash");
    }

    /** Streamed tool call: a whole functionCall event becomes one tool-call delta. */
    @Test
    void streamedToolCall() {
        SdkConversations.Streamed s = SdkConversations.streamToolCall(sb.client, "flash");
        ProviderAssertions.assertStreamedToolCall(s);
        assertEquals("call_0", s.toolCallId());
        assertEquals("alt=sse", fake.lastCall("streamGenerateContent").query());
    }
}
