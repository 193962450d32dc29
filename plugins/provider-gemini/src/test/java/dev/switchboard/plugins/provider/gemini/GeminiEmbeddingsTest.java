package dev.switchboard.plugins.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeminiEmbeddingsTest {
    static final ModelDescriptor EMBED = new ModelDescriptor("gemini-embedding", "gemini", "gemini-embedding-001", 2048, 1,
            Set.of(Capability.EMBEDDINGS), 0.15, 0.0, null, null);
    final GeminiAdapter adapter = new GeminiAdapter("gemini", "https://generativelanguage.googleapis.com/v1beta", "k-1", Map.of());

    static EmbeddingRequest request(String json) {
        return EmbeddingRequest.parse(new JsonObject(json));
    }

    @Test
    void batchRequestAndAnswer() {
        EmbeddingRequest r = request("{\"model\":\"gemini-embedding\",\"dimensions\":3,"
                + "\"input\":[\"What is the meaning of life?\",\"How much wood would a woodchuck chuck?\"]}");
        UpstreamRequest call = adapter.buildEmbeddingsRequest(r, EMBED);
        assertEquals("https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents", call.url());
        assertEquals("k-1", call.headers().get("x-goog-api-key"));
        assertEquals(GoldenFixtures.json("embeddings/batch-request.json"), call.body().toJsonObject());
        EmbeddingResponse answer = adapter.decodeEmbeddings(Buffer.buffer(GoldenFixtures.text("embeddings/batch-response.json")), r, EMBED);
        assertArrayEquals(new float[] {0.0123f, -0.0456f, 0.0789f}, answer.vectors().get(0));
        assertArrayEquals(new float[] {-0.1f, 0.2f, -0.3f}, answer.vectors().get(1));
        assertNull(answer.usage(), "Gemini reports no usage for embeddings");
    }

    @Test
    void singleInputUsesEmbedContent() {
        EmbeddingRequest r = request("{\"model\":\"gemini-embedding\",\"input\":\"hello\"}");
        UpstreamRequest call = adapter.buildEmbeddingsRequest(r, EMBED);
        assertEquals("https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:embedContent", call.url());
        assertEquals(new JsonObject("{\"content\":{\"parts\":[{\"text\":\"hello\"}]}}"), call.body().toJsonObject());
        EmbeddingResponse answer = adapter.decodeEmbeddings(Buffer.buffer("{\"embedding\":{\"values\":[1,2]}}"), r, EMBED);
        assertArrayEquals(new float[] {1f, 2f}, answer.vectors().get(0));
    }

    @Test
    void wrongCountsAndUnsupportedInputsFailClearly() {
        EmbeddingRequest two = request("{\"model\":\"gemini-embedding\",\"input\":[\"a\",\"b\"]}");
        assertThrows(ProviderException.class, () -> adapter.decodeEmbeddings(Buffer.buffer("{\"embeddings\":[{\"values\":[1]}]}"), two, EMBED));
        assertEquals("input", assertThrows(InvalidRequestException.class, () -> adapter.buildEmbeddingsRequest(
                request("{\"model\":\"gemini-embedding\",\"input\":[[1,2]]}"), EMBED)).param());
    }
}
