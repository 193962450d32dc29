package dev.switchboard.plugins.provider.anthropic;

import static dev.switchboard.plugins.provider.anthropic.Fixtures.SONNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTranslationTest {
    private final AnthropicAdapter adapter = Fixtures.adapter();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"system-and-user", "images", "tools-named-choice", "tool-round-trip", "sampling", "prompt-caching"})
    void translatesOpenAiRequestToMessagesBody(String fixture) {
        ChatRequest request = ChatRequestParser.parse(Fixtures.object("requests/" + fixture + ".openai.json"));
        UpstreamRequest call = adapter.buildRequest(request, SONNET);
        Fixtures.assertJson(Fixtures.object("requests/" + fixture + ".anthropic.json"), call.body().toJsonObject(), fixture);
    }

    @Test
    void postsToMessagesEndpointWithAnthropicHeaders() {
        UpstreamRequest call = adapter.buildRequest(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), SONNET);
        assertEquals(HttpMethod.POST, call.method());
        assertEquals("https://api.anthropic.com/v1/messages", call.url());
        assertEquals("sk-ant-test", call.headers().get("x-api-key"));
        assertEquals("2023-06-01", call.headers().get("anthropic-version"));
        assertEquals("application/json", call.headers().get("content-type"));
        assertEquals("prompt-caching-2024-07-31", call.headers().get("anthropic-beta"));
        assertNull(call.headers().get("authorization"));
        assertNull(call.headers().get("accept"));
    }

    @Test
    void streamingCallAcceptsEventStream() {
        UpstreamRequest call = adapter.buildRequest(request("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), SONNET);
        assertEquals("text/event-stream", call.headers().get("accept"));
        assertEquals(Boolean.TRUE, call.body().toJsonObject().getBoolean("stream"));
    }

    @ParameterizedTest(name = "{0} + parallel_tool_calls={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "\"auto\"                                              | null  | {\"type\":\"auto\"}",
            "\"none\"                                              | null  | {\"type\":\"none\"}",
            "\"required\"                                          | null  | {\"type\":\"any\"}",
            "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | null  | {\"type\":\"tool\",\"name\":\"f\"}",
            "\"required\"                                          | false | {\"type\":\"any\",\"disable_parallel_tool_use\":true}",
            "null                                                  | false | {\"type\":\"auto\",\"disable_parallel_tool_use\":true}",
            "\"none\"                                              | false | {\"type\":\"none\"}",
            "null                                                  | true  | null"})
    void mapsToolChoice(String choice, String parallel, String expected) {
        ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"tool_choice\":" + choice + ",\"parallel_tool_calls\":" + parallel + "}");
        JsonObject body = adapter.buildRequest(request, SONNET).body().toJsonObject();
        Fixtures.assertJson("null".equals(expected) ? null : new JsonObject(expected), body.getValue("tool_choice"), "tool_choice");
    }

    @Test
    void toolResultWithAnImageKeepsBlocks() {
        JsonObject body = adapter.buildRequest(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"draw\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"render\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":[{\"type\":\"text\",\"text\":\"done\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/out.png\"}}]}]}"), SONNET).body().toJsonObject();
        Fixtures.assertJson(new JsonObject("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"c1\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"done\"},{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/out.png\"}}]}]}"),
                body.getJsonArray("messages").getJsonObject(2), "tool result turn");
    }

    @Test
    void invalidToolCallArgumentsNameTheMessage() {
        InvalidRequestException e = rejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{not json\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"ok\"}]}");
        assertEquals("messages[1].tool_calls[0].function.arguments", e.param());
        assertTrue(e.getMessage().contains("messages[1]") && e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsAudioPartsNamingThePart() {
        InvalidRequestException e = rejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"transcribe\"},{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}]}]}");
        assertEquals("messages[0].content[1].type", e.param());
        assertTrue(e.getMessage().contains("input_audio"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "temperature above Anthropic's 1  | temperature                | {\"model\":\"m\",\"temperature\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "several choices                  | n                          | {\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "JSON mode                        | response_format            | {\"model\":\"m\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "only system messages             | messages                   | {\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be nice\"}]}",
            "legacy function role             | messages[1].role           | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"function\",\"name\":\"f\",\"content\":\"1\"}]}",
            "file URL image                   | messages[0].content[0].image_url | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"file:///tmp/a.png\"}}]}]}",
            "data URL not base64              | messages[0].content[0].image_url | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/svg+xml,<svg/>\"}}]}]}",
            "image in a system message        | messages[0].content[0]     | {\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/a.png\"}}]},{\"role\":\"user\",\"content\":\"hi\"}]}",
            "tool call without id             | messages[1].tool_calls[0].id | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}",
            "arguments not an object          | messages[1].tool_calls[0].function.arguments | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"[1]\"}}]}]}",
            "unknown tool_choice              | tool_choice                | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"sometimes\"}"})
    void rejectsWhatAnthropicCannotExpress(String what, String param, String json) {
        assertEquals(param, rejected(json).param(), what);
    }

    private InvalidRequestException rejected(String json) {
        ChatRequest request = request(json);
        return assertThrows(InvalidRequestException.class, () -> adapter.buildRequest(request, SONNET));
    }

    private static ChatRequest request(String json) {
        return ChatRequestParser.parse(new JsonObject(json));
    }
}
