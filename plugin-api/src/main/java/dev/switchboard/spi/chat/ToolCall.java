package dev.switchboard.spi.chat;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A function tool call made by the assistant.
 *
 * @param id        the call id that a later {@code tool} message answers
 * @param name      the function name
 * @param arguments the arguments as a JSON string (OpenAI's wire form)
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? "{}" : arguments;
    }

    /** The OpenAI wire form {@code {"id","type":"function","function":{"name","arguments"}}}. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("type", "function")
                .put("function", new JsonObject().put("name", name).put("arguments", arguments));
    }
}
