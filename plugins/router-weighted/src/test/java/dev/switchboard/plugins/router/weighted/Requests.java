package dev.switchboard.plugins.router.weighted;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Builds routing requests the way the engine does, with a 4-characters-per-token counter. */
final class Requests {

    static final String PNG_DATA_URL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private Requests() {
    }

    /** Parses the JSON text and extracts features as the engine would. */
    static RoutingRequest routing(String json, Map<String, ModelDescriptor> catalog) {
        return routing(new JsonObject(json), catalog);
    }

    static RoutingRequest routing(JsonObject body, Map<String, ModelDescriptor> catalog) {
        return routing(body, catalog, Map.of());
    }

    /** A routing request with caller metadata (lower-cased header names to values). */
    static RoutingRequest routing(String json, Map<String, ModelDescriptor> catalog, Map<String, String> metadata) {
        return routing(new JsonObject(json), catalog, metadata);
    }

    static RoutingRequest routing(JsonObject body, Map<String, ModelDescriptor> catalog, Map<String, String> metadata) {
        ChatRequest request = ChatRequestParser.parse(body);
        RequestFeatures features = RequestFeatures.extract(request, s -> Math.max(1, s.length() / 4));
        return new RoutingRequest(request.model(), request, features, catalog, metadata);
    }

    /** A request body with the given messages for the route {@code ab}. */
    static String body(JsonObject... messages) {
        return new JsonObject().put("model", "ab").put("messages", new JsonArray(java.util.List.of((Object[]) messages))).encode();
    }

    /** A text of exactly {@code tokens} tokens for the test counter. */
    static String tokens(int tokens) {
        return "x".repeat(tokens * 4);
    }

    static JsonObject message(String role, String text) {
        return new JsonObject().put("role", role).put("content", text);
    }

    static JsonObject user(String text) {
        return message("user", text);
    }

    static JsonObject userParts(JsonObject... parts) {
        return new JsonObject().put("role", "user").put("content", new JsonArray(java.util.List.of((Object[]) parts)));
    }

    static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    static JsonObject image(String url) {
        return new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", url));
    }

    /** A body with extra top-level fields merged in. */
    static String with(String body, String extraJson) {
        return new JsonObject(body).mergeIn(new JsonObject(extraJson)).encode();
    }
}
