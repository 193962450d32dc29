package dev.switchboard.spi.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingRequestTest {

    private static InvalidRequestException bad(String json) {
        return assertThrows(InvalidRequestException.class, () -> EmbeddingRequest.parse(new JsonObject(json)));
    }

    @Test
    void stringArrayAndTokenInputs() {
        EmbeddingRequest one = EmbeddingRequest.parse(new JsonObject("{\"model\":\"e\",\"input\":\"hi\",\"dimensions\":3}"));
        assertEquals(List.of("hi"), one.texts());
        assertEquals(3, one.dimensions());
        assertEquals(1, one.size());
        EmbeddingRequest many = EmbeddingRequest.parse(new JsonObject("{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}"));
        assertEquals(2, many.size());
        assertTrue(many.base64());
        EmbeddingRequest tokens = EmbeddingRequest.parse(new JsonObject("{\"model\":\"e\",\"input\":[[1,2],[3]]}"));
        assertTrue(tokens.tokenInput());
        assertArrayEquals(new int[] {1, 2}, tokens.tokens().get(0));
        EmbeddingRequest flat = EmbeddingRequest.parse(new JsonObject("{\"model\":\"e\",\"input\":[7,8,9]}"));
        assertEquals(1, flat.size());
        assertEquals("float", flat.bodyForUpstream("up").getString("encoding_format"));
        assertEquals("up", flat.bodyForUpstream("up").getString("model"));
    }

    @Test
    void badInputNamesTheField() {
        assertEquals("model", bad("{\"input\":\"x\"}").param());
        assertEquals("input", bad("{\"model\":\"e\"}").param());
        assertEquals("input", bad("{\"model\":\"e\",\"input\":[]}").param());
        assertEquals("input[1]", bad("{\"model\":\"e\",\"input\":[\"a\",3]}").param());
        assertEquals("input[0]", bad("{\"model\":\"e\",\"input\":[\"\"]}").param());
        assertEquals("input", bad("{\"model\":\"e\",\"input\":[1,-2]}").param());
        assertEquals("input[1]", bad("{\"model\":\"e\",\"input\":[[1],\"x\"]}").param());
        assertEquals("dimensions", bad("{\"model\":\"e\",\"input\":\"x\",\"dimensions\":0}").param());
        assertEquals("encoding_format", bad("{\"model\":\"e\",\"input\":\"x\",\"encoding_format\":\"hex\"}").param());
        JsonArray big = new JsonArray();
        for (int i = 0; i <= EmbeddingRequest.MAX_INPUTS; i++) {
            big.add("x");
        }
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> EmbeddingRequest.parse(new JsonObject().put("model", "e").put("input", big)));
        assertTrue(e.getMessage().contains("2049 items"), e.getMessage());
    }

    @Test
    void openAiAnswerIsPlacedByIndex() {
        JsonObject body = new JsonObject("{\"object\":\"list\",\"data\":[{\"index\":1,\"embedding\":[0.5]},{\"index\":0,\"embedding\":[0.25]}],"
                + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}");
        EmbeddingResponse r = EmbeddingResponse.fromOpenAi(body, 2);
        assertArrayEquals(new float[] {0.25f}, r.vectors().get(0));
        assertArrayEquals(new float[] {0.5f}, r.vectors().get(1));
        assertEquals(4, r.usage().promptTokens());
        assertThrows(IllegalArgumentException.class, () -> EmbeddingResponse.fromOpenAi(body, 3));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingResponse.fromOpenAi(new JsonObject(), 1));
    }
}
