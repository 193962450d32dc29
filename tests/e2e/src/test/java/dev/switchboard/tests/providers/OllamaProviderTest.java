package dev.switchboard.tests.providers;

import static dev.switchboard.tests.providers.SdkConversations.content;
import static dev.switchboard.tests.providers.SdkConversations.finishReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.models.Model;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI SDK talks to Switchboard; Switchboard talks Ollama's native API to the fake. */
class OllamaProviderTest {
    static FakeOllama fake;
    static ProviderNode sb;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOllama();
        sb = ProviderNode.start("""
                  local: {type: ollama, base-url: "%s", discover: true, keep-alive: 10m}
                """.formatted(fake.baseUrl()), """
                  llama: {provider: local, upstream-model: "llama-fake:8b", context-window: 8192, max-output-tokens: 2048,
                          capabilities: [vision, tools, json], input-price: 0, output-price: 0}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
        fake.close();
    }

    @Test
    void plainTextWithSamplingOptions() {
        ChatCompletion c = sb.client.chat().completions().create(ChatCompletionCreateParams.builder().model("llama")
                .addUserMessage("hello llama").temperature(0.25).maxCompletionTokens(100).seed(7).build());
        assertEquals("echo: hello llama", content(c));
        assertEquals("stop", finishReason(c));
        assertEquals("llama-fake:8b", c.model());
        ProviderAssertions.assertFakeUsage(c.usage().orElseThrow());

        JsonObject body = fake.lastChat().body();
        assertEquals("llama-fake:8b", body.getString("model"));
        assertEquals(false, body.getBoolean("stream"), "stream is always explicit");
        assertEquals("10m", body.getValue("keep_alive"));
        assertEquals(new JsonObject().put("temperature", 0.25).put("num_predict", 100).put("seed", 7),
                body.getJsonObject("options"));
        assertEquals(new JsonArray().add(new JsonObject().put("role", "user").put("content", "hello llama")),
                body.getJsonArray("messages"));
    }

    @Test
    void imageInTheImagesArray() {
        ChatCompletion c = SdkConversations.withImage(sb.client, "llama", "what is this?");
        assertEquals("echo: what is this? [1 image(s)]", content(c));

        JsonObject message = fake.lastChat().body().getJsonArray("messages").getJsonObject(0);
        assertEquals("what is this?", message.getString("content"));
        assertEquals(new JsonArray().add(SdkConversations.PNG_BASE64), message.getJsonArray("images"));
    }

    @Test
    void systemPromptIsASystemMessage() {
        ChatCompletion c = SdkConversations.withSystem(sb.client, "llama", "You are terse.", "hi");
        assertEquals("echo: hi", content(c));

        JsonObject system = fake.lastChat().body().getJsonArray("messages").getJsonObject(0);
        assertEquals(new JsonObject().put("role", "system").put("content", "You are terse."), system);
    }

    @Test
    void toolRoundTrip() {
        SdkConversations.ToolRoundTrip trip = SdkConversations.toolRoundTrip(sb.client, "llama");
        assertEquals("tool_calls", finishReason(trip.call()));
        assertTrue(trip.call().choices().get(0).message().content().isEmpty(), "no text besides the tool call");
        ChatCompletionMessageFunctionToolCall call = trip.toolCall();
        assertTrue(call.id().startsWith("call_"), call.id());
        assertEquals(SdkConversations.TOOL_NAME, call.function().name());
        assertEquals(Reply.TOOL_ARGS, new JsonObject(call.function().arguments()));
        assertEquals("final: " + SdkConversations.TOOL_RESULT, content(trip.answer()));
        assertEquals("stop", finishReason(trip.answer()));

        JsonObject first = fake.received().get(fake.received().size() - 2).body();
        assertEquals(SdkConversations.TOOL_NAME,
                first.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"));

        JsonArray messages = fake.lastChat().body().getJsonArray("messages");
        assertEquals(3, messages.size(), "user, assistant tool_calls, tool: " + messages);
        JsonObject function = messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function");
        assertEquals(SdkConversations.TOOL_NAME, function.getString("name"));
        assertEquals(Reply.TOOL_ARGS, function.getJsonObject("arguments"), "arguments are an object, not a string");
        JsonObject tool = messages.getJsonObject(2);
        assertEquals("tool", tool.getString("role"));
        assertEquals(SdkConversations.TOOL_RESULT, tool.getString("content"));
        assertEquals(SdkConversations.TOOL_NAME, tool.getString("tool_name"), "named after the call it answers");
    }

    @Test
    void jsonMode() {
        ChatCompletion c = SdkConversations.jsonMode(sb.client, "llama", "give me json");
        assertEquals(new JsonObject().put("echo", "give me json"), new JsonObject(content(c)));
        assertEquals("json", fake.lastChat().body().getValue("format"));
    }

    @Test
    void streamingNdjson() {
        SdkConversations.Streamed s = SdkConversations.stream(sb.client, "llama", "stream me please");
        assertEquals("echo: stream me please", s.text());
        assertEquals("stop", s.finishReason());
        ProviderAssertions.assertFakeUsage(s.usage().orElseThrow());
        assertTrue(s.chunks() > 3, "the answer arrives in pieces, got " + s.chunks() + " chunks");
        assertEquals(true, fake.lastChat().body().getBoolean("stream"));
    }

    @Test
    void discoveredModelsAreListedAndServed() {
        assertTrue(fake.received().stream().anyMatch(c -> "GET".equals(c.method()) && "/api/tags".equals(c.path())));
        List<String> ids = sb.client.models().list().data().stream().map(Model::id).toList();
        assertTrue(ids.containsAll(List.of("llama", "local/llava:7b", "local/qwen3:4b")), ids.toString());

        ChatCompletion c = SdkConversations.withImage(sb.client, "local/llava:7b", "and this?");
        assertEquals("echo: and this? [1 image(s)]", content(c));
        assertEquals("llava:7b", fake.lastChat().body().getString("model"));
        assertNull(fake.lastChat().body().getValue("format"));
        assertFalse(fake.lastChat().body().containsKey("tools"));
    }

    @Test
    void toolCallWithTextBeforeIt() {
        ProviderAssertions.assertToolCallWithTextBeforeIt(sb.client, "llama");
    }

    /** Streamed tool call: a tool_calls NDJSON line becomes one tool-call delta. */
    @Test
    void streamedToolCall() {
        SdkConversations.Streamed s = SdkConversations.streamToolCall(sb.client, "llama");
        ProviderAssertions.assertStreamedToolCall(s);
        assertTrue(s.toolCallId().startsWith("call_"), s.toolCallId());
        assertEquals(true, fake.lastChat().body().getBoolean("stream"));
    }

}
