package dev.switchboard.testkit;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Builds chat and routing requests the way the engine does: the body parsed and validated by the
 * engine's parser, features extracted lazily, tokens counted by {@link #COUNTER}.
 */
public final class Requests {
    /** The test token counter: 4 characters per token, at least 1 for a non-empty text. */
    public static final ToIntFunction<String> COUNTER = s -> s.isEmpty() ? 0 : Math.max(1, s.length() / 4);

    private Requests() {
    }

    /** A request body for {@code route} with the given messages ({@link Messages}). */
    public static String body(String route, JsonObject... messages) {
        return new JsonObject().put("model", route).put("messages", new JsonArray(List.of((Object[]) messages))).encode();
    }

    /** {@code body} with the top-level fields of {@code extraJson} merged in. */
    public static String with(String body, String extraJson) {
        return new JsonObject(body).mergeIn(new JsonObject(extraJson)).encode();
    }

    /**
     * A chat request parsed and validated from JSON text.
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException as the engine would answer 400
     */
    public static ChatRequest chat(String json) {
        return ChatRequestParser.parse(new JsonObject(json));
    }

    public static RoutingRequest routing(String json, Map<String, ModelDescriptor> catalog) {
        return routing(json, catalog, Map.of());
    }

    public static RoutingRequest routing(JsonObject body, Map<String, ModelDescriptor> catalog) {
        return routing(body.encode(), catalog, Map.of());
    }

    /** A routing request with caller metadata (lower-cased header names to values). */
    public static RoutingRequest routing(String json, Map<String, ModelDescriptor> catalog, Map<String, String> metadata) {
        return routing(json, catalog, metadata, COUNTER);
    }

    public static RoutingRequest routing(JsonObject body, Map<String, ModelDescriptor> catalog, Map<String, String> metadata) {
        return routing(body.encode(), catalog, metadata);
    }

    /** Features that count tokens with {@code counter}, lazily as in the engine. */
    public static RoutingRequest routing(String json, Map<String, ModelDescriptor> catalog, Map<String, String> metadata,
                                         ToIntFunction<String> counter) {
        ChatRequest request = chat(json);
        return new RoutingRequest(request.model(), request, RequestFeatures.extract(request, counter), catalog, metadata);
    }

    /** As {@link #routing(String, Map)}, with the tokens counted before routing, as {@code /v1/route} does. */
    public static RoutingRequest counted(String json, Map<String, ModelDescriptor> catalog) {
        RoutingRequest r = routing(json, catalog);
        r.features().estimatedInputTokens();
        return r;
    }
}
