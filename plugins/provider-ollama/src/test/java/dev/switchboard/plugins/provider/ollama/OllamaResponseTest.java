package dev.switchboard.plugins.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaResponseTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "length", "tool-calls"})
    void translatesTheOllamaAnswerToTheGoldenOpenAiResponse(String name) {
        ChatResponse response = Fixtures.adapter().decodeResponse(Buffer.buffer(GoldenFixtures.text("response/" + name + ".ollama.json")),
                Fixtures.MODEL);

        assertEquals(GoldenFixtures.json("response/" + name + ".openai.json"), response.toJson());
    }

    @Test
    void generatedIdsLookLikeOpenAiIds() {
        ChatResponse response = new OllamaAdapter(OllamaSettings.defaults("local"))
                .decodeResponse(Buffer.buffer(GoldenFixtures.text("response/tool-calls.ollama.json")), Fixtures.MODEL);

        assertTrue(response.id().matches("chatcmpl-[0-9a-f]{32}"), response.id());
        assertTrue(response.choices().get(0).toolCalls().get(0).id().matches("call_[0-9a-f]{32}"));
        assertTrue(!response.choices().get(0).toolCalls().get(0).id().equals(response.choices().get(0).toolCalls().get(1).id()));
    }

    @Test
    void aBodyThatIsNotAnOllamaAnswerIsMalformed() {
        ProviderException notJson = assertThrows(ProviderException.class,
                () -> Fixtures.adapter().decodeResponse(Buffer.buffer("<html>proxy error</html>"), Fixtures.MODEL));
        ProviderException noMessage = assertThrows(ProviderException.class,
                () -> Fixtures.adapter().decodeResponse(Buffer.buffer("{\"models\":[]}"), Fixtures.MODEL));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, notJson.kind());
        assertEquals(ErrorKind.MALFORMED_RESPONSE, noMessage.kind());
        assertTrue(noMessage.getMessage().contains("no 'message' object"), noMessage.getMessage());
    }

    @Test
    void anErrorInsideA200BodyIsReported() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> Fixtures.adapter().decodeResponse(Buffer.buffer("{\"error\":\"llama runner process has terminated\"}"), Fixtures.MODEL));

        assertEquals(ErrorKind.UPSTREAM_5XX, e.kind());
        assertTrue(e.getMessage().contains("llama runner process has terminated"), e.getMessage());
    }
}
