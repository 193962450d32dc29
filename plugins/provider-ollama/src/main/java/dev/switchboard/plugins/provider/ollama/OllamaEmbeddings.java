package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates embeddings to Ollama's {@code POST /api/embed}: {@code {"model", "input": [...],
 * "dimensions"}} answered {@code {"model", "embeddings": [[...]], "prompt_eval_count"}}.
 */
final class OllamaEmbeddings {
    private final OllamaResponses responses;

    OllamaEmbeddings(OllamaResponses responses) {
        this.responses = responses;
    }

    JsonObject body(EmbeddingRequest request, String upstreamModel) {
        if (request.tokenInput()) {
            throw new InvalidRequestException("input", "Ollama embeds text only: send 'input' as a string or an array of strings, "
                    + "not token arrays");
        }
        JsonObject body = new JsonObject().put("model", upstreamModel).put("input", new JsonArray(new ArrayList<>(request.texts())));
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        return body;
    }

    EmbeddingResponse decode(String text, EmbeddingRequest request) {
        JsonObject json = responses.parse(text);
        JsonArray embeddings = json.getValue("embeddings") instanceof JsonArray ? json.getJsonArray("embeddings") : null;
        if (embeddings == null || embeddings.size() != request.size()) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed embeddings from Ollama: expected " + request.size()
                    + " vectors in 'embeddings', got " + (embeddings == null ? "none" : embeddings.size()));
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Object e : embeddings) {
            if (!(e instanceof JsonArray)) {
                throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed embeddings from Ollama: a vector is not an array");
            }
            try {
                vectors.add(EmbeddingResponse.floats((JsonArray) e));
            } catch (IllegalArgumentException bad) {
                throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed embeddings from Ollama: " + bad.getMessage());
            }
        }
        Usage usage = json.getValue("prompt_eval_count") instanceof Number ? Usage.of(((Number) json.getValue("prompt_eval_count"))
                .intValue(), 0) : null;
        return new EmbeddingResponse(vectors, usage);
    }
}
