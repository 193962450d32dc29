package dev.switchboard.tests.frontdoors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings} and {@code GET /v1/models/{id}} with the official OpenAI Java SDK. */
class EmbeddingsApiTest {
    static FakeOpenAi fake;
    static Node node;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(Configs.frontDoors(fake), null);
        client = OpenAIOkHttpClient.builder().apiKey("unused-by-switchboard").baseUrl(node.url("/v1")).maxRetries(0).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        node.close();
        fake.close();
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void batchOfStringsGivesOneVectorPerInputInOrder() {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder().model("emb")
                .inputOfArrayOfStrings(List.of("a short one", "the second input text")).dimensions(4).build());
        assertEquals(2, r.data().size());
        assertArrayEquals(FakeOpenAi.vectorFor("a short one", 4), floats(r.data().get(0).embedding()));
        assertArrayEquals(FakeOpenAi.vectorFor("the second input text", 4), floats(r.data().get(1).embedding()));
        assertEquals(7, r.usage().promptTokens());
        assertEquals("emb", r.model());
        JsonObject sent = fake.last("text-embedding-3-small").body();
        assertEquals(4, sent.getInteger("dimensions"));
        assertEquals("float", sent.getString("encoding_format"));
    }

    @Test
    void base64IsLittleEndianFloat32AndCostIsReported() throws Exception {
        HttpResponse<String> r = node.post("/v1/embeddings", "{\"model\":\"emb\",\"input\":\"encode me\",\"encoding_format\":\"base64\"}");
        assertEquals(200, r.statusCode(), r.body());
        String b64 = new JsonObject(r.body()).getJsonArray("data").getJsonObject(0).getString("embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / 4];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = bytes.getFloat();
        }
        assertArrayEquals(FakeOpenAi.vectorFor("encode me", 8), decoded);
        // 2 words at $0.02 per million tokens
        assertEquals("0.00000004", r.headers().firstValue("x-switchboard-cost-usd").orElseThrow());
        assertEquals("emb", r.headers().firstValue("x-switchboard-model").orElseThrow());
    }

    @Test
    void routeFallsBackAcrossEmbeddingModels() throws Exception {
        HttpResponse<String> r = node.post("/v1/embeddings", "{\"model\":\"embed\",\"input\":[\"x\",\"y\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("emb", r.headers().firstValue("x-switchboard-model").orElseThrow());
        String attempts = r.headers().firstValue("x-switchboard-attempts").orElseThrow();
        assertTrue(attempts.startsWith("emb-500:") && attempts.contains("emb:"), attempts);
        assertEquals(2, new JsonObject(r.body()).getJsonArray("data").size());
    }

    @Test
    void chatOnlyModelIsA400NamingTheCapability() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.embeddings().create(
                EmbeddingCreateParams.builder().model("m-ok").input("x").build()));
        assertTrue(e.getMessage().contains("embeddings"), e.getMessage());
        assertEquals("model", e.param().orElseThrow());
    }

    @Test
    void chatRequestToAnEmbeddingModelIsA400() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", "{\"model\":\"emb\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("embedding model"), r.body());
    }

    @Test
    void badInputNamesTheField() throws Exception {
        JsonArray many = new JsonArray();
        for (int i = 0; i < 2049; i++) {
            many.add("t" + i);
        }
        HttpResponse<String> big = node.post("/v1/embeddings", new JsonObject().put("model", "emb").put("input", many).encode());
        assertEquals(400, big.statusCode());
        assertEquals("input", new JsonObject(big.body()).getJsonObject("error").getString("param"));
        assertTrue(big.body().contains("at most 2048"), big.body());
        HttpResponse<String> empty = node.post("/v1/embeddings", "{\"model\":\"emb\",\"input\":[\"ok\",\"\"]}");
        assertEquals("input[1]", new JsonObject(empty.body()).getJsonObject("error").getString("param"));
        HttpResponse<String> format = node.post("/v1/embeddings", "{\"model\":\"emb\",\"input\":\"x\",\"encoding_format\":\"hex\"}");
        assertEquals("encoding_format", new JsonObject(format.body()).getJsonObject("error").getString("param"));
        HttpResponse<String> unknown = node.post("/v1/embeddings", "{\"model\":\"nope\",\"input\":\"x\"}");
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void tokenArraysPassThroughToOpenAiCompatibleUpstreams() throws Exception {
        HttpResponse<String> r = node.post("/v1/embeddings", "{\"model\":\"emb\",\"input\":[[1,2,3],[4,5]]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(new JsonArray().add(new JsonArray().add(1).add(2).add(3)).add(new JsonArray().add(4).add(5)),
                fake.last("text-embedding-3-small").body().getJsonArray("input"));
    }

    @Test
    void modelsCanBeRetrievedById() {
        Model m = client.models().retrieve("m-ok");
        assertEquals("m-ok", m.id());
        assertEquals("fake", m.ownedBy());
        Model route = client.models().retrieve("embed");
        assertEquals("switchboard", route.ownedBy());
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.models().retrieve("no-such-model"));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
    }
}
