package dev.switchboard.plugins.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OllamaErrorsTest {

    @Test
    void aModelThatIsNotPulledSaysHowToPullIt() {
        ProviderException e = map(404, "{\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}");

        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals(404, e.status());
        assertEquals("model 'llama3' is not pulled on http://127.0.0.1:11434: run ollama pull llama3", e.getMessage());
        assertFalse(e.kind().isTransient());
    }

    @Test
    void theNotPulledMessageAlsoReadsSingleQuotesAndTags() {
        ProviderException e = map(404, "{\"error\":\"model 'qwen2.5:7b' not found\"}");

        assertEquals("model 'qwen2.5:7b' is not pulled on http://127.0.0.1:11434: run ollama pull qwen2.5:7b", e.getMessage());
    }

    @Test
    void aServerErrorKeepsOllamasMessageAndIsTransient() {
        ProviderException e = map(500, "{\"error\":\"llama runner process has terminated: signal: killed\"}");

        assertEquals(ErrorKind.UPSTREAM_5XX, e.kind());
        assertEquals("llama runner process has terminated: signal: killed", e.getMessage());
        assertTrue(e.kind().isTransient());
    }

    @Test
    void aPromptTooLongForTheContextIsContextLength() {
        ProviderException e = map(400, "{\"error\":\"the input length exceeds the context length\"}");

        assertEquals(ErrorKind.CONTEXT_LENGTH, e.kind());
        assertEquals("the input length exceeds the context length", e.getMessage());
    }

    @Test
    void otherBadRequestsStayBadRequests() {
        ProviderException e = map(400, "{\"error\":\"registry.ollama.ai/library/gemma:2b does not support tools\"}");

        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals(400, e.clientStatus());
    }

    @Test
    void busyServerIsOverloadedWithRetryAfter() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("retry-after", "2");
        ProviderException e = new OllamaErrors(OllamaSettings.defaults("local"))
                .map(503, headers, Buffer.buffer("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"));

        assertEquals(ErrorKind.OVERLOADED, e.kind());
        assertEquals(Duration.ofSeconds(2), e.retryAfter());
    }

    @Test
    void aPlainTextBodyIsKeptAsTheMessage() {
        ProviderException e = map(404, "404 page not found");

        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("404 page not found", e.getMessage());
        assertNull(OllamaErrors.missingModel("404 page not found"));
    }

    @Test
    void anEmptyBodyNamesTheStatusAndServer() {
        assertEquals("HTTP 502 from Ollama at http://127.0.0.1:11434", map(502, "").getMessage());
    }

    @Test
    void connectionErrorsNameTheServerAndHowToStartIt() {
        assertEquals("cannot reach Ollama at http://127.0.0.1:11434 (is 'ollama serve' running?): Connection refused",
                Fixtures.adapter().connectionErrorMessage("Connection refused"));
    }

    private static ProviderException map(int status, String body) {
        return Fixtures.adapter().mapError(status, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body));
    }
}
