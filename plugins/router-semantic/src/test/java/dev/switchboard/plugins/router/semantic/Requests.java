package dev.switchboard.plugins.router.semantic;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A catalog where only some models read images or call tools, and chat bodies as clients send them. */
final class Requests {
    static final Map<String, ModelDescriptor> CATALOG = new LinkedHashMap<>();

    static {
        model("small-text", Set.of());
        model("coder", Set.of(Capability.TOOLS));
        model("thinker", Set.of());
        model("chatty", Set.of(Capability.VISION));
        model("agent", Set.of(Capability.TOOLS, Capability.VISION));
    }

    static final RouterContext CONTEXT = new RouterContext("smart", CATALOG, Set.of("smart", "other"));

    private Requests() {
    }

    private static void model(String id, Set<Capability> capabilities) {
        CATALOG.put(id, ModelDescriptor.of(id, "openai", 128_000, 8_192, capabilities));
    }

    static JsonObject turn(String role, String text) {
        return new JsonObject().put("role", role).put("content", text);
    }

    static JsonObject imageTurn(String text) {
        JsonArray parts = new JsonArray();
        if (text != null) {
            parts.add(new JsonObject().put("type", "text").put("text", text));
        }
        parts.add(new JsonObject().put("type", "image_url")
                .put("image_url", new JsonObject().put("url", "data:image/png;base64,iVBORw0KGgo=")));
        return new JsonObject().put("role", "user").put("content", parts);
    }

    /** A request of the given turns; with a get_weather tool when {@code tools}. */
    static RoutingRequest chat(boolean tools, JsonObject... turns) {
        JsonObject body = new JsonObject().put("model", "smart").put("messages", new JsonArray(List.of((Object[]) turns)));
        if (tools) {
            body.put("tools", new JsonArray().add(new JsonObject().put("type", "function").put("function",
                    new JsonObject().put("name", "get_weather").put("parameters", new JsonObject().put("type", "object")))));
        }
        ChatRequest request = ChatRequestParser.parse(body);
        return new RoutingRequest("smart", request, RequestFeatures.extract(request, s -> s.length() / 4), CATALOG, Map.of());
    }

    static RoutingRequest ask(String text) {
        return chat(false, turn("user", text));
    }
}
