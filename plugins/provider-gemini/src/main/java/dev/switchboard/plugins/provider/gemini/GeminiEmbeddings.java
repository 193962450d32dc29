package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates embeddings to Gemini: one input goes to {@code models/{m}:embedContent}
 * ({@code {"content":{"parts":[{"text":...}]}}} answered {@code {"embedding":{"values":[...]}}}),
 * several to {@code :batchEmbedContents} ({@code {"requests":[...]}} answered
 * {@code {"embeddings":[{"values":[...]}]}}). {@code dimensions} becomes {@code outputDimensionality}.
 * Gemini reports no token usage for embeddings; the engine estimates it.
 */
final class GeminiEmbeddings {
    /** Gemini's limit on requests in one {@code batchEmbedContents} call. */
    static final int MAX_BATCH = 100;

    private final String providerId;

    GeminiEmbeddings(String providerId) {
        this.providerId = providerId;
    }

    /** The method suffix for the request: {@code :embedContent} or {@code :batchEmbedContents}. */
    static String method(EmbeddingRequest request) {
        return request.size() == 1 ? ":embedContent" : ":batchEmbedContents";
    }

    /** The body for {@link #method}. */
    JsonObject body(EmbeddingRequest request, String modelPath) {
        if (request.tokenInput()) {
            throw new InvalidRequestException("input", "Gemini embeds text only: send 'input' as a string or an array of strings, "
                    + "not token arrays");
        }
        if (request.size() > MAX_BATCH) {
            throw new InvalidRequestException("input", "'input' has " + request.size() + " items; Gemini embeds at most "
                    + MAX_BATCH + " per request: split the batch");
        }
        if (request.size() == 1) {
            return one(request.texts().get(0), request.dimensions(), null);
        }
        JsonArray requests = new JsonArray();
        request.texts().forEach(t -> requests.add(one(t, request.dimensions(), modelPath)));
        return new JsonObject().put("requests", requests);
    }

    private static JsonObject one(String text, Integer dimensions, String modelPath) {
        JsonObject r = new JsonObject();
        if (modelPath != null) {
            r.put("model", modelPath);
        }
        r.put("content", new JsonObject().put("parts", new JsonArray().add(new JsonObject().put("text", text))));
        if (dimensions != null) {
            r.put("outputDimensionality", dimensions);
        }
        return r;
    }

    /** Reads either answer shape. */
    EmbeddingResponse decode(JsonObject body, EmbeddingRequest request) {
        List<JsonObject> embeddings = new ArrayList<>();
        if (body.getValue("embedding") instanceof JsonObject) {
            embeddings.add(body.getJsonObject("embedding"));
        } else if (body.getValue("embeddings") instanceof JsonArray) {
            for (Object e : body.getJsonArray("embeddings")) {
                if (!(e instanceof JsonObject)) {
                    throw GeminiJson.malformed(providerId, "embeddings item is not an object");
                }
                embeddings.add((JsonObject) e);
            }
        }
        if (embeddings.size() != request.size()) {
            throw GeminiJson.malformed(providerId, "expected " + request.size() + " embeddings, got " + embeddings.size());
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (JsonObject e : embeddings) {
            if (!(e.getValue("values") instanceof JsonArray)) {
                throw GeminiJson.malformed(providerId, "embedding without 'values'");
            }
            try {
                vectors.add(EmbeddingResponse.floats(e.getJsonArray("values")));
            } catch (IllegalArgumentException bad) {
                throw GeminiJson.malformed(providerId, bad.getMessage());
            }
        }
        return new EmbeddingResponse(vectors, null);
    }
}
