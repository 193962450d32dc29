package dev.switchboard.quality;

import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.pipeline.TokenCounter;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A configured route under test, decided by its real router plugin exactly as the engine calls it:
 * the request parsed from a chat body, features extracted with the engine's token counter, then
 * {@code Router.route}. Reads the {@code category} and {@code tier} labels of the decision.
 */
public final class RouteSubject implements Subject {
    private final String route;
    private final String name;
    private final RoutingTable.RouteRuntime runtime;
    private final RoutingTable table;
    private final TokenCounter tokens;
    private final List<String> categories;
    private final List<String> tiers;

    private RouteSubject(DefaultRoutes routes, String route, TokenCounter tokens) {
        this.route = route;
        this.table = routes.table();
        this.runtime = table.routes().get(route);
        if (runtime == null) {
            throw new IllegalArgumentException("no route '" + route + "'; routes: " + table.routes().keySet());
        }
        this.name = route + " (" + runtime.routerId() + ")";
        this.tokens = tokens;
        this.categories = routes.keys(route, "categories");
        this.tiers = routes.keys(route, "tiers");
    }

    /** The route of that name in the loaded config. */
    public static RouteSubject of(DefaultRoutes routes, String route, TokenCounter tokens) {
        return new RouteSubject(routes, route, tokens);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> categories() {
        return categories;
    }

    @Override
    public List<String> tiers() {
        return tiers;
    }

    @Override
    public Verdict decide(EvalItem item) {
        ChatRequest request = ChatRequestParser.parse(body(route, item.text()));
        long cpu = Clock.cpu();
        long start = System.nanoTime();
        RequestFeatures features = RequestFeatures.extract(request, tokens::count);
        RoutingDecision d = runtime.router().route(new RoutingRequest(route, request, features, table.catalog(), Map.of()));
        long nanos = System.nanoTime() - start;
        return new Verdict(d.labels().get("category"), d.labels().get("tier"), d.primary(), nanos, Clock.cpu() - cpu);
    }

    /** The chat body a client sends: one user message, no system prompt (routers do not read it). */
    static JsonObject body(String model, String userText) {
        return new JsonObject().put("model", model)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", userText)));
    }
}
