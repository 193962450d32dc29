package dev.switchboard.plugins.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaRequestTranslationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "options", "images", "json-object", "json-schema", "tools", "tool-round-trip"})
    void translatesTheOpenAiRequestToTheGoldenOllamaBody(String name) {
        ChatRequest request = ChatRequestParser.parse(Fixtures.json("request/" + name + ".openai.json"));

        UpstreamRequest upstream = Fixtures.adapter().buildRequest(request, Fixtures.MODEL);

        assertEquals(Fixtures.json("request/" + name + ".ollama.json"), upstream.body().toJsonObject());
    }

    @Test
    void postsJsonToApiChatOfTheBaseUrl() {
        OllamaSettings settings = new OllamaSettings("local", "http://gpu-box:11434", Map.of("x-team", "ml"), null, false, 8192, false);
        UpstreamRequest upstream = new OllamaAdapter(settings).buildRequest(request("{\"model\":\"m\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Fixtures.MODEL);

        assertEquals(HttpMethod.POST, upstream.method());
        assertEquals("http://gpu-box:11434/api/chat", upstream.url());
        assertEquals("application/json", upstream.headers().get("content-type"));
        assertEquals("application/x-ndjson", upstream.headers().get("accept"));
        assertEquals("ml", upstream.headers().get("x-team"));
        assertEquals(Boolean.TRUE, upstream.body().toJsonObject().getValue("stream"));
    }

    @Test
    void sendsKeepAliveAndTheCatalogContextWindowWhenConfigured() {
        OllamaSettings settings = new OllamaSettings("local", "http://127.0.0.1:11434", Map.of(), "30m", false, 8192, true);
        JsonObject body = new OllamaAdapter(settings).buildRequest(simple(), Fixtures.MODEL).body().toJsonObject();

        assertEquals("30m", body.getValue("keep_alive"));
        assertEquals(8192, body.getJsonObject("options").getInteger("num_ctx"));
    }

    @Test
    void toolChoiceNoneOffersNoTools() {
        JsonObject json = Fixtures.json("request/tools.openai.json").put("tool_choice", "none");
        JsonObject body = Fixtures.adapter().buildRequest(ChatRequestParser.parse(json), Fixtures.MODEL).body().toJsonObject();

        assertFalse(body.containsKey("tools"));
    }

    @Test
    void rejectsImageUrlsBecauseOllamaCannotFetchThem() {
        ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"what is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Fixtures.adapter().buildRequest(request, Fixtures.MODEL));

        assertEquals("messages[0].content[1].image_url", e.param());
        assertTrue(e.getMessage().contains("Ollama cannot fetch image URLs"), e.getMessage());
        assertTrue(e.getMessage().contains("data:image/png;base64"), e.getMessage());
    }

    @Test
    void rejectsWhatOllamaCannotExpress() {
        assertRejected("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "n");
        assertRejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/svg+xml,<svg/>\"}}]}]}", "messages[0].content[0].image_url");
        assertRejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
                + "\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}]}]}", "messages[0].content[0].type");
        assertRejected("{\"model\":\"m\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "response_format.json_schema.schema");
        assertRejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"tool_calls\":"
                + "[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"[1,2]\"}}]}]}",
                "messages[1].tool_calls[0].function.arguments");
    }

    @Test
    void toolMessageUsesItsOwnNameWhenGiven() {
        ChatRequest request = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"unknown\",\"name\":\"lookup\",\"content\":\"42\"}]}");
        JsonArray messages = Fixtures.adapter().buildRequest(request, Fixtures.MODEL).body().toJsonObject().getJsonArray("messages");

        assertEquals(new JsonObject().put("role", "tool").put("content", "42").put("tool_name", "lookup"), messages.getJsonObject(1));
    }

    private static void assertRejected(String json, String param) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> Fixtures.adapter().buildRequest(request(json), Fixtures.MODEL));
        assertEquals(param, e.param(), e.getMessage());
    }

    private static ChatRequest simple() {
        return request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static ChatRequest request(String json) {
        return ChatRequestParser.parse(new JsonObject(json));
    }
}
