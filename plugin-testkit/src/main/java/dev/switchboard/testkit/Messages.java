package dev.switchboard.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** OpenAI Chat Completions message and content-part JSON, for building test requests. */
public final class Messages {
    /** A real 1x1 PNG as a data URL. */
    public static final String PNG_DATA_URL =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private Messages() {
    }

    /** A message with text content. */
    public static JsonObject message(String role, String text) {
        return new JsonObject().put("role", role).put("content", text);
    }

    public static JsonObject user(String text) {
        return message("user", text);
    }

    /** A user message whose content is the given parts ({@link #text}, {@link #image}). */
    public static JsonObject user(JsonObject... parts) {
        return new JsonObject().put("role", "user").put("content", new JsonArray(List.of((Object[]) parts)));
    }

    public static JsonObject system(String text) {
        return message("system", text);
    }

    public static JsonObject assistant(String text) {
        return message("assistant", text);
    }

    /** A text content part. */
    public static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    /** An image content part. */
    public static JsonObject image(String url) {
        return new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", url));
    }

    /** An image content part holding {@link #PNG_DATA_URL}. */
    public static JsonObject image() {
        return image(PNG_DATA_URL);
    }

    /** A {@code tools} array with one function tool, {@code get_weather}. */
    public static JsonArray tools() {
        return new JsonArray().add(new JsonObject().put("type", "function").put("function",
                new JsonObject().put("name", "get_weather").put("parameters", new JsonObject().put("type", "object"))));
    }

    /** A text of exactly {@code tokens} tokens for {@link Requests#COUNTER}. */
    public static String tokens(int tokens) {
        return "x".repeat(tokens * 4);
    }
}
