package dev.switchboard.plugins.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OllamaEmbeddingsTest {
    static final ModelDescriptor MINILM = new ModelDescriptor("minilm", "local", "all-minilm", 512, 1, Set.of(Capability.EMBEDDINGS),
            0.0, 0.0, null, null);

    static EmbeddingRequest request(String json) {
        return EmbeddingRequest.parse(new JsonObject(json));
    }

    @Test
    void apiEmbedRequestAndAnswer() {
        EmbeddingRequest r = request("{\"model\":\"minilm\",\"input\":[\"Why is the sky blue?\",\"Why is the grass green?\"],\"dimensions\":3}");
        UpstreamRequest call = Fixtures.adapter().buildEmbeddingsRequest(r, MINILM);
        assertEquals("http://127.0.0.1:11434/api/embed", call.url());
        assertEquals(new JsonObject("{\"model\":\"all-minilm\",\"input\":[\"Why is the sky blue?\",\"Why is the grass green?\"],"
                + "\"dimensions\":3}"), call.body().toJsonObject());
        EmbeddingResponse answer = Fixtures.adapter().decodeEmbeddings(Buffer.buffer(GoldenFixtures.text("embeddings/embed-response.json")), r, MINILM);
        assertArrayEquals(new float[] {-0.0098027075f, 0.06042469f, 0.025450668f}, answer.vectors().get(1));
        assertEquals(8, answer.usage().promptTokens());
    }

    @Test
    void errorsAndUnsupportedInputs() {
        EmbeddingRequest r = request("{\"model\":\"minilm\",\"input\":\"x\"}");
        ProviderException e = assertThrows(ProviderException.class, () -> Fixtures.adapter().decodeEmbeddings(
                Buffer.buffer("{\"embeddings\":[]}"), r, MINILM));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
        assertThrows(ProviderException.class, () -> Fixtures.adapter().decodeEmbeddings(
                Buffer.buffer("{\"error\":\"model \\\"all-minilm\\\" not found, try pulling it first\"}"), r, MINILM));
        assertEquals("input", assertThrows(InvalidRequestException.class, () -> Fixtures.adapter().buildEmbeddingsRequest(
                request("{\"model\":\"minilm\",\"input\":[5,6]}"), MINILM)).param());
    }
}
