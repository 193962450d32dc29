package dev.switchboard.plugins.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiResponseTranslatorTest {

    private final ProviderAdapter adapter = new GeminiAdapter("google", GeminiAdapterFactory.DEFAULT_BASE_URL, "k", Map.of());

    private ChatResponse decode(String json) {
        return adapter.decodeResponse(Buffer.buffer(json), Fixtures.FLASH);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "function-call", "max-tokens", "safety"})
    void translatesGeminiBodyToOpenAiResponse(String name) {
        JsonObject expected = GoldenFixtures.json("responses/" + name + ".openai.json");
        JsonObject actual = Fixtures.withoutCreated(decode(GoldenFixtures.text("responses/" + name + ".gemini.json")).toJson());
        assertEquals(expected, actual, () -> "expected " + expected.encodePrettily() + "\nbut got " + actual.encodePrettily());
    }

    @Test
    void countsCachedAndThinkingTokensAndFillsMissingIdAndModel() {
        ChatResponse response = decode(GoldenFixtures.text("responses/cached-usage.gemini.json"));
        assertTrue(response.id().startsWith("chatcmpl-"), response.id());
        JsonObject actual = Fixtures.withoutCreated(response.toJson());
        actual.remove("id");
        assertEquals(GoldenFixtures.json("responses/cached-usage.openai.json"), actual);
        assertTrue(Math.abs(response.created() - System.currentTimeMillis() / 1000) < 5);
    }

    @Test
    void blockedPromptIsContentFilterError() {
        ProviderException e = assertThrows(ProviderException.class, () -> decode(
                "{\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"}, \"usageMetadata\": {\"promptTokenCount\": 8, \"totalTokenCount\": 8},"
                        + " \"modelVersion\": \"gemini-2.5-flash\"}"));
        assertEquals(ErrorKind.CONTENT_FILTER, e.kind());
        assertEquals("PROHIBITED_CONTENT", e.code());
        assertTrue(e.getMessage().contains("PROHIBITED_CONTENT"), e.getMessage());
    }

    @Test
    void errorObjectInA2xxBodyIsMappedByItsStatus() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> decode("{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\", \"status\": \"UNAVAILABLE\"}}"));
        assertEquals(ErrorKind.OVERLOADED, e.kind());
        assertEquals("The model is overloaded.", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[1, 2]", "{}", "{\"candidates\": {}}", "{\"candidates\": [1]}",
        "{\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"args\": {}}}]}}]}"})
    void malformedBodiesAreMalformedResponse(String body) {
        ProviderException e = assertThrows(ProviderException.class, () -> decode(body));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("'google'"), e.getMessage());
    }

    @Test
    void everyCandidateBecomesAChoice() {
        ChatResponse r = decode("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]}, \"finishReason\": \"STOP\", \"index\": 0},"
                + " {\"content\": {\"parts\": [{\"text\": \"b\"}]}, \"finishReason\": \"RECITATION\", \"index\": 1}]}");
        assertEquals(2, r.choices().size());
        assertEquals("b", r.choices().get(1).content());
        assertEquals("content_filter", r.choices().get(1).finishReason());
        assertEquals(null, r.usage());
    }
}
