package dev.switchboard.plugins.provider.anthropic;

import static dev.switchboard.plugins.provider.anthropic.Fixtures.SONNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseTranslationTest {
    private final AnthropicAdapter adapter = Fixtures.adapter();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-use", "max-tokens", "cache-usage", "refusal"})
    void translatesMessageToChatCompletion(String fixture) {
        ChatResponse response = adapter.decodeResponse(Buffer.buffer(GoldenFixtures.text("responses/" + fixture + ".anthropic.json")), SONNET);
        GoldenFixtures.assertJson(GoldenFixtures.json("responses/" + fixture + ".openai.json"), response.toJson(), fixture);
    }

    @Test
    void cacheTokensAreReportedAsCached() {
        ChatResponse response = adapter.decodeResponse(Buffer.buffer(GoldenFixtures.text("responses/cache-usage.anthropic.json")), SONNET);
        assertEquals(2050, response.usage().promptTokens());
        assertEquals(1800, response.usage().cachedTokens());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<html>502 Bad Gateway</html>", "[]", "{\"type\":\"message\",\"id\":\"msg_1\"}",
            "{\"type\":\"message\",\"content\":[\"text\"]}", "{\"type\":\"message\",\"content\":[{\"type\":\"tool_use\",\"input\":{}}]}"})
    void malformedBodyIsMalformedResponse(String body) {
        ProviderException e = assertThrows(ProviderException.class, () -> adapter.decodeResponse(Buffer.buffer(body), SONNET));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
    }

    @Test
    void errorInsideSuccessfulBodyIsMapped() {
        Buffer body = Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        ProviderException e = assertThrows(ProviderException.class, () -> adapter.decodeResponse(body, SONNET));
        assertEquals(ErrorKind.OVERLOADED, e.kind());
        assertEquals("Overloaded", e.getMessage());
    }

    @Test
    void missingModelFallsBackToUpstreamModel() {
        ChatResponse response = adapter.decodeResponse(Buffer.buffer("{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}"), SONNET);
        assertEquals("claude-sonnet-4-5", response.model());
        assertEquals(null, response.usage());
    }
}
