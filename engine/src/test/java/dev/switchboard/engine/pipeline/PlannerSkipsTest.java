package dev.switchboard.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RoutingDecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the planner's dropped candidates stand in the route's order, so the attempt loop lists only those it reaches. */
class PlannerSkipsTest {
    static final Map<String, ModelDescriptor> CATALOG = new LinkedHashMap<>();

    static {
        CATALOG.put("text-cheap", model("text-cheap", Set.of(), 0.1));
        CATALOG.put("tools-pricey", model("tools-pricey", Set.of(Capability.TOOLS), 10.0));
        CATALOG.put("text-mid", model("text-mid", Set.of(), 1.0));
        CATALOG.put("tools-cheap", model("tools-cheap", Set.of(Capability.TOOLS), 0.5));
    }

    static ModelDescriptor model(String id, Set<Capability> caps, double price) {
        return new ModelDescriptor(id, "p", id, 128_000, 4096, caps, price, price, null, List.of());
    }

    static RoutingTable table(List<String> chain) {
        RoutingTable.RouteRuntime route = new RoutingTable.RouteRuntime("r", "fixed", req -> new RoutingDecision(chain, "fixed", Map.of()), null);
        return new RoutingTable(CATALOG, Map.of("r", route), Map.of(), null);
    }

    static ChatRequest request(boolean tools) {
        JsonObject body = new JsonObject().put("model", "r")
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hello there")));
        if (tools) {
            body.put("tools", new JsonArray().add(new JsonObject().put("type", "function")
                    .put("function", new JsonObject().put("name", "f").put("parameters", new JsonObject().put("type", "object")))));
        }
        return dev.switchboard.toolkit.chat.ChatRequestParser.parse(body);
    }

    static List<String> skips(RoutePlan plan) {
        return plan.rejected().stream().map(r -> r.model() + "@" + r.position() + ":" + r.attempt().outcome()).toList();
    }

    @Test
    void aDroppedCandidateStandsBeforeTheCandidateThatFollowedIt() {
        RoutePlan plan = new Planner(new TokenCounter(), null).plan(table(List.of("text-cheap", "tools-pricey", "text-mid", "tools-cheap")),
                request(true), Map.of());
        assertEquals(List.of("tools-pricey", "tools-cheap"), plan.candidates().stream().map(ModelDescriptor::id).toList());
        assertEquals(List.of("text-cheap@0:capability", "text-mid@1:capability"), skips(plan));
    }

    @Test
    void cheapestFirstMovesTheRoutersChoiceBackAsABudgetSkipAndPlacesDroppedCandidatesByPrice() {
        RoutePlan plan = new Planner(new TokenCounter(), null).plan(table(List.of("tools-pricey", "text-mid", "tools-cheap", "text-cheap")),
                request(true), Map.of(ChatService.PREFER_CHEAPER, "true"));
        assertEquals(List.of("tools-cheap", "tools-pricey"), plan.candidates().stream().map(ModelDescriptor::id).toList());
        assertEquals(List.of("tools-pricey@0:budget", "text-cheap@0:capability", "text-mid@1:capability"), skips(plan),
                "text-cheap is cheaper than every candidate, text-mid only than tools-pricey");
        assertEquals(Attempt.BUDGET, plan.rejected().get(0).attempt().outcome());
    }

    @Test
    void noBudgetSkipWhenTheRoutersChoiceIsAlreadyTheCheapest() {
        RoutePlan plan = new Planner(new TokenCounter(), null).plan(table(List.of("tools-cheap", "tools-pricey")), request(true),
                Map.of(ChatService.PREFER_CHEAPER, "true"));
        assertEquals(List.of(), skips(plan));
    }
}
