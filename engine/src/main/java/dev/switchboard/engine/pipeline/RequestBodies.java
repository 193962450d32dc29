package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import dev.switchboard.toolkit.chat.SourceJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/** Parses a request body once, for both front doors, with errors that say what to fix. */
public final class RequestBodies {
    private static final String CHAT_EXAMPLE = "{\"model\": ..., \"messages\": [...]}";

    private RequestBodies() {
    }

    /** Parses raw bytes as an OpenAI chat request. */
    public static ChatRequest parse(Buffer body) {
        // parsed once, the bytes kept: an OpenAI-compatible upstream gets them with only model replaced
        SourceJson source = source(body);
        return source.bytes() == null ? ChatRequestParser.parse(source.json()) : ChatRequestParser.parse(source);
    }

    /**
     * Parses raw bytes as one JSON object, its bytes kept ({@link SourceJson}), for any front door;
     * fails with a 400 that says what is wrong with the JSON.
     */
    public static SourceJson source(Buffer body) {
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest(null, "request body is empty; send a JSON object like " + CHAT_EXAMPLE);
        }
        try {
            return SourceJson.parse(body);
        } catch (DecodeException notAnObject) {
            // said below, with Vert.x's wording of what is wrong
        }
        return SourceJson.of(object(body, CHAT_EXAMPLE));
    }

    /**
     * Parses raw bytes as a JSON object, for front doors with their own request shape.
     *
     * @param example a minimal valid body, shown when the body is empty or not an object
     */
    public static JsonObject object(Buffer body, String example) {
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest(null, "request body is empty; send a JSON object like " + example);
        }
        Object value;
        try {
            value = Json.decodeValue(body);
        } catch (DecodeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            int nl = m.indexOf('\n');
            throw ApiException.badRequest(null, "request body is not valid JSON: " + (nl < 0 ? m : m.substring(0, nl)));
        }
        if (!(value instanceof JsonObject)) {
            throw ApiException.badRequest(null, "request body must be a JSON object like " + example);
        }
        return (JsonObject) value;
    }

    /** An event-bus body (JsonObject, or its JSON text) as a JSON object. */
    public static JsonObject object(Object body, String example) {
        if (body instanceof JsonObject) {
            return (JsonObject) body;
        }
        if (body instanceof Buffer) {
            return object((Buffer) body, example);
        }
        if (body instanceof String) {
            return object(Buffer.buffer((String) body), example);
        }
        throw ApiException.badRequest(null, "message body must be a JsonObject (or its JSON text) like " + example);
    }

    /** Validates an already decoded object (event bus). */
    public static ChatRequest parse(Object body) {
        if (body instanceof JsonObject) {
            return ChatRequestParser.parse((JsonObject) body);
        }
        if (body instanceof Buffer) {
            return parse((Buffer) body);
        }
        if (body instanceof String) {
            return parse(Buffer.buffer((String) body));
        }
        throw ApiException.badRequest(null, "message body must be the OpenAI request as a JsonObject (or its JSON text)");
    }
}
