package dev.switchboard.plugins.router.complexity;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A small catalog, routes and request builders shared by the tests. */
final class Fixtures {
    static final Map<String, ModelDescriptor> CATALOG = new LinkedHashMap<>();

    static {
        for (String id : new String[] {"gpt-4o-mini", "gpt-4o", "claude-haiku", "claude-sonnet", "o3", "deepseek-coder"}) {
            CATALOG.put(id, ModelDescriptor.of(id, id.startsWith("claude") ? "anthropic" : "openai", 128_000, 16_384,
                    Set.of(Capability.TOOLS, Capability.VISION)));
        }
    }

    static final RouterContext CONTEXT = new RouterContext("auto", CATALOG, Set.of("auto", "cheapest"));

    private Fixtures() {
    }

    static JsonObject user(String text) {
        return new JsonObject().put("role", "user").put("content", text);
    }

    static JsonObject user(JsonObject... parts) {
        return new JsonObject().put("role", "user").put("content", new JsonArray(java.util.List.of((Object[]) parts)));
    }

    static JsonObject system(String text) {
        return new JsonObject().put("role", "system").put("content", text);
    }

    static JsonObject assistant(String text) {
        return new JsonObject().put("role", "assistant").put("content", text);
    }

    static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    static JsonObject image() {
        return new JsonObject().put("type", "image_url")
                .put("image_url", new JsonObject().put("url", "data:image/png;base64,iVBORw0KGgo="));
    }

    static JsonArray tools() {
        return new JsonArray().add(new JsonObject().put("type", "function").put("function",
                new JsonObject().put("name", "get_weather").put("parameters", new JsonObject().put("type", "object"))));
    }

    /** A parsed request for route {@code auto} with the messages, plus tools when asked. */
    static RoutingRequest request(boolean withTools, JsonObject... messages) {
        JsonObject body = new JsonObject().put("model", "auto").put("messages", new JsonArray(java.util.List.of((Object[]) messages)));
        if (withTools) {
            body.put("tools", tools());
        }
        ChatRequest req = ChatRequestParser.parse(body);
        RequestFeatures features = RequestFeatures.extract(req, s -> Math.max(1, s.length() / 4));
        return new RoutingRequest("auto", req, features, CATALOG, Map.of());
    }

    static RoutingRequest request(JsonObject... messages) {
        return request(false, messages);
    }
}
