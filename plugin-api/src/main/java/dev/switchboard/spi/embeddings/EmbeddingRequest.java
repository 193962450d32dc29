package dev.switchboard.spi.embeddings;

import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The canonical, validated view of an OpenAI {@code POST /v1/embeddings} request.
 *
 * @param body       the request JSON as received (do not mutate; copy first)
 * @param model      the requested model or route name
 * @param texts      the inputs as text, in order; empty when the input is token arrays
 * @param tokens     the inputs as token arrays (OpenAI's {@code input: [[1,2],[3]]}), or null for text input
 * @param dimensions the requested vector size, or null for the model's default
 * @param user       the end-user id, or null
 */
public record EmbeddingRequest(JsonObject body, String model, List<String> texts, List<int[]> tokens, Integer dimensions,
                               String user) {
    /** The most inputs one request may carry (OpenAI's own limit). */
    public static final int MAX_INPUTS = 2048;

    public EmbeddingRequest {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(model, "model");
        texts = texts == null ? List.of() : List.copyOf(texts);
        tokens = tokens == null ? null : List.copyOf(tokens);
        if (texts.isEmpty() && (tokens == null || tokens.isEmpty())) {
            throw new IllegalArgumentException("texts or tokens must hold at least one input");
        }
    }

    /** How many vectors the request asks for. */
    public int size() {
        return tokens != null ? tokens.size() : texts.size();
    }

    /** Whether the input came as token arrays, which only OpenAI-compatible upstreams accept. */
    public boolean tokenInput() {
        return tokens != null;
    }

    /**
     * A shallow copy of {@link #body()} with {@code model} replaced and {@code encoding_format}
     * set to {@code float} (the engine encodes base64 itself, whichever provider served).
     */
    public JsonObject bodyForUpstream(String upstreamModel) {
        JsonObject copy = new JsonObject(new java.util.LinkedHashMap<>(body.getMap()));
        copy.put("model", upstreamModel);
        copy.put("encoding_format", "float");
        return copy;
    }

    /**
     * Parses and validates an OpenAI embeddings request.
     *
     * @throws InvalidRequestException naming the offending field
     */
    public static EmbeddingRequest parse(JsonObject body) {
        Object model = body.getValue("model");
        if (!(model instanceof String) || ((String) model).isBlank()) {
            throw new InvalidRequestException("model", "'model' is required: a catalog embedding model or a route (GET /v1/models)");
        }
        Object input = body.getValue("input");
        List<String> texts = new ArrayList<>();
        List<int[]> tokens = null;
        if (input instanceof String) {
            texts.add(nonEmpty((String) input, "input"));
        } else if (input instanceof JsonArray && !((JsonArray) input).isEmpty()) {
            JsonArray items = (JsonArray) input;
            if (items.size() > MAX_INPUTS) {
                throw new InvalidRequestException("input", "'input' has " + items.size() + " items; at most " + MAX_INPUTS
                        + " per request: split the batch");
            }
            if (items.getValue(0) instanceof Number) {
                tokens = List.of(tokenArray(items, "input"));
            } else if (items.getValue(0) instanceof JsonArray) {
                tokens = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.getValue(i) instanceof JsonArray)) {
                        throw new InvalidRequestException("input[" + i + "]", "'input[" + i + "]' must be a token array like the others");
                    }
                    tokens.add(tokenArray(items.getJsonArray(i), "input[" + i + "]"));
                }
            } else {
                for (int i = 0; i < items.size(); i++) {
                    Object v = items.getValue(i);
                    if (!(v instanceof String)) {
                        throw new InvalidRequestException("input[" + i + "]", "'input[" + i + "]' must be a string");
                    }
                    texts.add(nonEmpty((String) v, "input[" + i + "]"));
                }
            }
        } else {
            throw new InvalidRequestException("input", "'input' is required: a non-empty string, an array of strings, "
                    + "or token arrays");
        }
        return new EmbeddingRequest(body, (String) model, texts, tokens, dimensions(body), user(body));
    }

    private static Integer dimensions(JsonObject body) {
        Object d = body.getValue("dimensions");
        if (d == null) {
            return null;
        }
        if (!(d instanceof Integer || d instanceof Long) || ((Number) d).longValue() < 1 || ((Number) d).longValue() > 65536) {
            throw new InvalidRequestException("dimensions", "'dimensions' must be a positive integer, got " + d);
        }
        return ((Number) d).intValue();
    }

    /** The requested {@code encoding_format}: {@code float} (the default) or {@code base64}. */
    public boolean base64() {
        return "base64".equals(body.getValue("encoding_format"));
    }

    private static String user(JsonObject body) {
        Object format = body.getValue("encoding_format");
        if (format != null && !"float".equals(format) && !"base64".equals(format)) {
            throw new InvalidRequestException("encoding_format", "'encoding_format' must be 'float' or 'base64', got " + format);
        }
        Object user = body.getValue("user");
        if (user != null && !(user instanceof String)) {
            throw new InvalidRequestException("user", "'user' must be a string");
        }
        return (String) user;
    }

    private static String nonEmpty(String s, String field) {
        if (s.isEmpty()) {
            throw new InvalidRequestException(field, "'" + field + "' must not be an empty string");
        }
        return s;
    }

    private static int[] tokenArray(JsonArray a, String field) {
        if (a.isEmpty()) {
            throw new InvalidRequestException(field, "'" + field + "' must not be an empty token array");
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = a.getValue(i);
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0) {
                throw new InvalidRequestException(field, "'" + field + "' must hold non-negative integer token ids, got " + v);
            }
            out[i] = ((Number) v).intValue();
        }
        return out;
    }
}
