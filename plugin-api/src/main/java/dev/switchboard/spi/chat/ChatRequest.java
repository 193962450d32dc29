package dev.switchboard.spi.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * The canonical, validated view of an OpenAI Chat Completions request.
 *
 * <p>{@link #body()} keeps the request exactly as the client sent it, so OpenAI-compatible
 * adapters pass unknown fields through untouched; the typed fields are what routers and
 * translating adapters read. The engine parses and validates it; the toolkit's
 * {@code ChatRequestParser} does the same for plugins and tests.
 *
 * @param body          the request JSON as received (do not mutate; copy first)
 * @param model         the requested model or route name
 * @param messages      the messages, in order
 * @param stream        whether the client asked for SSE streaming
 * @param includeUsage  whether {@code stream_options.include_usage} was set
 * @param maxTokens     {@code max_completion_tokens} or {@code max_tokens}, or null
 * @param temperature   sampling temperature, or null
 * @param topP          nucleus sampling, or null
 * @param stop          stop sequences (a string is one sequence); empty when unset
 * @param tools         the {@code tools} array, or null
 * @param toolChoice    {@code tool_choice}: a String ({@code auto}, {@code none}, {@code required}) or a JsonObject, or null
 * @param responseFormat {@code response_format}, or null
 * @param user          the end-user id, or null
 * @param source        the body's bytes as the client sent them, when it was read from bytes
 *                      else null: an OpenAI-compatible adapter forwards them with only {@code model}
 *                      replaced ({@link RawJson#withModel})
 */
public record ChatRequest(
        JsonObject body,
        String model,
        List<ChatMessage> messages,
        boolean stream,
        boolean includeUsage,
        Integer maxTokens,
        Double temperature,
        Double topP,
        List<String> stop,
        JsonArray tools,
        Object toolChoice,
        JsonObject responseFormat,
        String user,
        RawJson source) {

    public ChatRequest {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** A request without source bytes (built from an object, e.g. on the event bus). */
    public ChatRequest(JsonObject body, String model, List<ChatMessage> messages, boolean stream, boolean includeUsage,
                       Integer maxTokens, Double temperature, Double topP, List<String> stop, JsonArray tools, Object toolChoice,
                       JsonObject responseFormat, String user) {
        this(body, model, messages, stream, includeUsage, maxTokens, temperature, topP, stop, tools, toolChoice, responseFormat,
                user, null);
    }

    /** Whether the request carries at least one function tool. */
    public boolean hasTools() {
        return tools != null && !tools.isEmpty();
    }

    /** Whether {@code response_format} asks for JSON ({@code json_object} or {@code json_schema}). */
    public boolean wantsJson() {
        if (responseFormat == null) {
            return false;
        }
        String type = responseFormat.getString("type");
        return "json_object".equals(type) || "json_schema".equals(type);
    }

    /** Whether any message holds an image part. */
    public boolean hasImages() {
        for (ChatMessage m : messages) {
            if (m.hasImage()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A shallow copy of {@link #body()} with {@code model} replaced, for pass-through to an
     * OpenAI-compatible upstream.
     */
    public JsonObject bodyWithModel(String upstreamModel) {
        JsonObject copy = new JsonObject(new java.util.LinkedHashMap<>(body.getMap()));
        copy.put("model", upstreamModel);
        return copy;
    }
}
