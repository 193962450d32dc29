package dev.switchboard.spi.embeddings;

import dev.switchboard.spi.chat.Usage;
import java.util.List;
import java.util.Objects;

/**
 * The canonical answer to an {@link EmbeddingRequest}: one vector per input, in input order.
 *
 * @param vectors the embeddings, index i for input i
 * @param usage   the input tokens counted by the upstream ({@code completionTokens} 0), or null when it reported none
 */
public record EmbeddingResponse(List<float[]> vectors, Usage usage) {
    public EmbeddingResponse {
        vectors = List.copyOf(Objects.requireNonNull(vectors, "vectors"));
    }

    /**
     * Reads OpenAI's embeddings answer ({@code {"object":"list","data":[{"index":0,"embedding":[...]}],"usage":{...}}}),
     * placing each vector by its {@code index}.
     *
     * @throws IllegalArgumentException when the body is not that shape or the count is not {@code expected}
     */
    public static EmbeddingResponse fromOpenAi(io.vertx.core.json.JsonObject body, int expected) {
        if (!(body.getValue("data") instanceof io.vertx.core.json.JsonArray)) {
            throw new IllegalArgumentException("no 'data' array");
        }
        io.vertx.core.json.JsonArray data = body.getJsonArray("data");
        float[][] vectors = new float[expected][];
        for (int i = 0; i < data.size(); i++) {
            io.vertx.core.json.JsonObject item = data.getValue(i) instanceof io.vertx.core.json.JsonObject ? data.getJsonObject(i) : null;
            Object index = item == null ? null : item.getValue("index");
            int at = index instanceof Number ? ((Number) index).intValue() : i;
            if (item == null || at < 0 || at >= expected || !(item.getValue("embedding") instanceof io.vertx.core.json.JsonArray)) {
                throw new IllegalArgumentException("data[" + i + "] is not an embedding of input 0.." + (expected - 1));
            }
            vectors[at] = floats(item.getJsonArray("embedding"));
        }
        for (int i = 0; i < expected; i++) {
            if (vectors[i] == null) {
                throw new IllegalArgumentException("no embedding for input " + i + " (got " + data.size() + " of " + expected + ")");
            }
        }
        Object usage = body.getValue("usage");
        return new EmbeddingResponse(java.util.Arrays.asList(vectors),
                usage instanceof io.vertx.core.json.JsonObject ? Usage.fromOpenAiJson((io.vertx.core.json.JsonObject) usage) : null);
    }

    /** A JSON array of numbers as floats. */
    public static float[] floats(io.vertx.core.json.JsonArray values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.getValue(i);
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException("embedding value " + i + " is not a number");
            }
            out[i] = ((Number) v).floatValue();
        }
        return out;
    }

    /** This answer with the given usage (e.g. the cost added). */
    public EmbeddingResponse withUsage(Usage u) {
        return new EmbeddingResponse(vectors, u);
    }
}
