package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.ToolCall;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads Ollama chat answers (one object, or one NDJSON line of a stream) into canonical parts:
 * text, tool calls with generated ids and JSON-string arguments, finish reason and usage.
 */
final class OllamaResponses {

    private final Supplier<String> ids;
    private final OllamaErrors errors;

    OllamaResponses(Supplier<String> ids, OllamaErrors errors) {
        this.ids = ids;
        this.errors = errors;
    }

    /** Translates a complete {@code stream: false} answer. */
    ChatResponse decode(Buffer body, ModelDescriptor model) {
        JsonObject json = parse(body.toString());
        JsonObject message = message(json);
        List<ToolCall> calls = toolCalls(message);
        String content = message.getValue("content") instanceof String ? message.getString("content") : null;
        if (!calls.isEmpty() && content != null && content.isEmpty()) {
            content = null;
        }
        ChatResponse.Choice choice = new ChatResponse.Choice(0, content, calls,
                finishReason(json.getValue("done_reason"), !calls.isEmpty()), null);
        return new ChatResponse(newResponseId(), model(json, model), created(json), List.of(choice), usage(json), null);
    }

    /**
     * Parses one Ollama JSON object; an {@code {"error": ...}} object becomes the error it reports.
     *
     * @throws ProviderException when the text is not a JSON object or reports an error
     */
    JsonObject parse(String text) {
        Object v;
        try {
            v = Json.decodeValue(text);
        } catch (DecodeException e) {
            v = null;
        }
        if (!(v instanceof JsonObject)) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed answer from Ollama: not a JSON object: " + truncate(text));
        }
        JsonObject json = (JsonObject) v;
        if (json.getValue("error") != null) {
            throw errors.inBody(json.getValue("error"));
        }
        return json;
    }

    /** The {@code message} object; an answer without one is malformed. */
    static JsonObject message(JsonObject json) {
        if (!(json.getValue("message") instanceof JsonObject)) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed answer from Ollama: no 'message' object: "
                    + truncate(json.encode()));
        }
        return json.getJsonObject("message");
    }

    /** Ollama's tool calls with OpenAI ids (Ollama's own when it sends one) and arguments as a JSON string. */
    List<ToolCall> toolCalls(JsonObject message) {
        if (!(message.getValue("tool_calls") instanceof JsonArray)) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>();
        for (Object o : message.getJsonArray("tool_calls")) {
            JsonObject call = o instanceof JsonObject ? (JsonObject) o : new JsonObject();
            JsonObject fn = call.getValue("function") instanceof JsonObject ? call.getJsonObject("function") : null;
            if (fn == null || !(fn.getValue("name") instanceof String)) {
                throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed tool call from Ollama: " + truncate(String.valueOf(o)));
            }
            Object id = call.getValue("id");
            out.add(new ToolCall(id instanceof String && !((String) id).isEmpty() ? (String) id : "call_" + ids.get(),
                    fn.getString("name"), arguments(fn.getValue("arguments"))));
        }
        return out;
    }

    private static String arguments(Object args) {
        if (args == null) {
            return "{}";
        }
        return args instanceof String ? (String) args : Json.encode(args);
    }

    /** OpenAI's finish reason: tool calls win, then {@code length}; anything else ended normally. */
    static String finishReason(Object doneReason, boolean toolCalls) {
        if (toolCalls) {
            return "tool_calls";
        }
        return "length".equals(doneReason) ? "length" : "stop";
    }

    /** Usage from the counts; Ollama leaves {@code prompt_eval_count} out when the whole prompt was cached. */
    static Usage usage(JsonObject json) {
        return Usage.of(count(json.getValue("prompt_eval_count")), count(json.getValue("eval_count")));
    }

    private static int count(Object v) {
        return v instanceof Number ? Math.max(0, ((Number) v).intValue()) : 0;
    }

    /** Unix seconds of {@code created_at} (RFC 3339 with nanoseconds), or now. */
    static long created(JsonObject json) {
        Object at = json.getValue("created_at");
        if (at instanceof String) {
            try {
                return OffsetDateTime.parse((String) at).toEpochSecond();
            } catch (DateTimeParseException ignored) {
                // fall back to the local clock
            }
        }
        return System.currentTimeMillis() / 1000;
    }

    static String model(JsonObject json, ModelDescriptor model) {
        return json.getValue("model") instanceof String ? json.getString("model") : model.upstreamModel();
    }

    String newResponseId() {
        return "chatcmpl-" + ids.get();
    }

    static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
