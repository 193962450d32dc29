package dev.switchboard.tests.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI SDK asks Switchboard for embeddings; Switchboard speaks Gemini's and Ollama's embeddings APIs to the fakes. */
class EmbeddingsProvidersTest {
    static FakeGemini gemini;
    static FakeOllama ollama;
    static ProviderNode sb;

    @BeforeAll
    static void start() throws Exception {
        gemini = new FakeGemini();
        ollama = new FakeOllama();
        sb = ProviderNode.start("""
                  gemini: {type: gemini, base-url: "%s", api-key: "${TEST_KEY}"}
                  local: {type: ollama, base-url: "%s", discover: false}
                """.formatted(gemini.baseUrl(), ollama.baseUrl()), """
                  g-embed: {provider: gemini, upstream-model: gemini-embedding-001, context-window: 2048, max-output-tokens: 1,
                            capabilities: [embeddings], input-price: 0.15, output-price: 0}
                  nomic: {provider: local, upstream-model: nomic-embed-text, context-window: 8192, max-output-tokens: 1,
                          capabilities: [embeddings], input-price: 0, output-price: 0}
                  flash: {provider: gemini, upstream-model: gemini-fake-flash, context-window: 1048576, max-output-tokens: 8192}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
        gemini.close();
        ollama.close();
    }

    private static List<Double> expected(String text, int dims) {
        return FakeGemini.vector(text, dims).stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    private static List<Double> got(CreateEmbeddingResponse r, int i) {
        return r.data().get(i).embedding().stream().map(f -> (double) (float) f).toList();
    }

    private static void assertClose(List<Double> want, List<Double> have) {
        assertEquals(want.size(), have.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), have.get(i), 1e-6, "value " + i);
        }
    }

    @Test
    void geminiSingleInputUsesEmbedContent() {
        CreateEmbeddingResponse r = sb.client.embeddings().create(EmbeddingCreateParams.builder().model("g-embed").input("one text")
                .dimensions(3).build());
        assertClose(expected("one text", 3), got(r, 0));
        FakeUpstream.Received call = gemini.last(c -> c.path().endsWith(":embedContent"));
        assertEquals("/v1beta/models/gemini-embedding-001:embedContent", call.path());
        assertEquals("sk-test-secret", call.header("x-goog-api-key"));
        assertEquals(3, call.body().getInteger("outputDimensionality"));
        assertTrue(r.usage().promptTokens() > 0, "Gemini reports no usage: Switchboard estimates it");
    }

    @Test
    void geminiBatchUsesBatchEmbedContents() {
        CreateEmbeddingResponse r = sb.client.embeddings().create(EmbeddingCreateParams.builder().model("g-embed")
                .inputOfArrayOfStrings(List.of("first", "the second one")).build());
        assertEquals(2, r.data().size());
        assertClose(expected("first", 6), got(r, 0));
        assertClose(expected("the second one", 6), got(r, 1));
        JsonArray requests = gemini.last(c -> c.path().endsWith(":batchEmbedContents")).body().getJsonArray("requests");
        assertEquals("models/gemini-embedding-001", requests.getJsonObject(1).getString("model"));
        assertEquals("the second one", requests.getJsonObject(1).getJsonObject("content").getJsonArray("parts").getJsonObject(0)
                .getString("text"));
    }

    @Test
    void geminiRejectsOversizeBatchesAndTokenArraysClearly() throws Exception {
        JsonArray many = new JsonArray();
        for (int i = 0; i < 101; i++) {
            many.add("t" + i);
        }
        HttpResponse<String> big = sb.node.post("/v1/embeddings", new JsonObject().put("model", "g-embed").put("input", many).encode());
        assertEquals(400, big.statusCode(), big.body());
        assertTrue(big.body().contains("at most 100"), big.body());
        HttpResponse<String> tokens = sb.node.post("/v1/embeddings", "{\"model\":\"g-embed\",\"input\":[[1,2]]}");
        assertEquals(400, tokens.statusCode(), tokens.body());
        assertEquals("input", new JsonObject(tokens.body()).getJsonObject("error").getString("param"));
    }

    @Test
    void ollamaUsesApiEmbedAndReportsItsTokenCount() {
        CreateEmbeddingResponse r = sb.client.embeddings().create(EmbeddingCreateParams.builder().model("nomic")
                .inputOfArrayOfStrings(List.of("local text", "more local text here")).dimensions(4).build());
        assertClose(expected("more local text here", 4), got(r, 1));
        assertEquals(6, r.usage().promptTokens());
        JsonObject sent = ollama.last(c -> "/api/embed".equals(c.path())).body();
        assertEquals(new JsonObject().put("model", "nomic-embed-text").put("input", new JsonArray().add("local text")
                .add("more local text here")).put("dimensions", 4), sent);
    }

    @Test
    void chatModelOfTheSameProviderIsRejectedForEmbeddings() throws Exception {
        HttpResponse<String> r = sb.node.post("/v1/embeddings", "{\"model\":\"flash\",\"input\":\"x\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("no embeddings capability"), r.body());
    }
}
