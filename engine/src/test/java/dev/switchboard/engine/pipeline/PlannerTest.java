package dev.switchboard.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.engine.resilience.ResilienceSettings;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Planning without any upstream: direct models, route expansion, candidate filters and budget ordering. */
class PlannerTest {
    static TokenCounter tokens;
    static final Map<String, ModelDescriptor> CATALOG = new LinkedHashMap<>();

    static {
        add(new ModelDescriptor("big", "p", "big", 128_000, 8_000, Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON),
                5.0, 15.0, null, List.of("mid", "small")));
        add(new ModelDescriptor("mid", "p", "mid", 32_000, 4_000, Set.of(Capability.TOOLS), 1.0, 2.0, null, List.of()));
        add(new ModelDescriptor("small", "p", "small", 200, 100, Set.of(), 0.1, 0.2, null, List.of()));
        add(new ModelDescriptor("unpriced", "p", "unpriced", 128_000, 8_000, Set.of(), null, null, null, List.of()));
        add(ModelDescriptor.of("keyless", "nokey", 128_000, 8_000, Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON)));
        add(ModelDescriptor.of("embed", "p", 8_000, 1, Set.of(Capability.EMBEDDINGS)));
    }

    static void add(ModelDescriptor m) {
        CATALOG.put(m.id(), m);
    }

    @BeforeAll
    static void loadTokens() {
        tokens = new TokenCounter();
    }

    static RoutingTable table(Map<String, Router> routers) {
        Map<String, RoutingTable.RouteRuntime> routes = new LinkedHashMap<>();
        routers.forEach((name, router) -> routes.put(name, new RoutingTable.RouteRuntime(name, "test", router, null)));
        return new RoutingTable(CATALOG, routes, Map.of("p", new ProviderRuntime("p", "openai", null, 0, null),
                "nokey", new ProviderRuntime("nokey", "openai", null, 0, "NOKEY_API_KEY")), SecretRedactor.SHAPES_ONLY);
    }

    static Router fixed(String... models) {
        return request -> RoutingDecision.of(List.of(models), "fixed");
    }

    static ChatRequest chat(String model, String extraJson) {
        return ChatRequestParser.parse(new JsonObject("{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]"
                + extraJson + "}"));
    }

    static RoutePlan plan(RoutingTable table, ChatRequest request) {
        return new Planner(tokens, null).plan(table, request, Map.of());
    }

    static List<String> ids(RoutePlan plan) {
        return plan.candidates().stream().map(ModelDescriptor::id).toList();
    }

    static List<String> rejected(RoutePlan plan) {
        return plan.rejected().stream().map(r -> r.model() + ":" + r.kind()).toList();
    }

    @Test
    void aDirectModelIsTriedFirstThenItsConfiguredFallbacks() {
        RoutePlan plan = plan(table(Map.of()), chat("big", ""));
        assertEquals(List.of("big", "mid", "small"), ids(plan));
        assertEquals(null, plan.route());
        assertEquals("direct", plan.reason());
    }

    @Test
    void anUnknownModelIs404AndARouterThatThrowsGetsItsRoutesFallback() {
        assertEquals(404, assertThrows(ApiException.class, () -> plan(table(Map.of()), chat("gpt-9", ""))).status());
        Router throwing = request -> {
            throw new IllegalStateException("boom");
        };
        RoutePlan plan = plan(table(Map.of("r", throwing)), chat("r", ""));
        assertTrue(plan.reason().startsWith("fallback(failed): cheapest-catalog-models: "), plan.reason());
        assertEquals("failed", plan.routing().report().fallback());
    }

    @Test
    void aRouterAndItsFallbackThatBothThrowAre500() {
        Router throwing = request -> {
            throw new IllegalStateException("boom");
        };
        RoutingTable t = new RoutingTable(CATALOG, Map.of("r", new RoutingTable.RouteRuntime("r", "test", throwing, null,
                new dev.switchboard.engine.routing.RouteDecider("r", throwing, dev.switchboard.engine.routing.RouteDecider.Mode.PURE,
                        1000, "also-broken", throwing, false))), Map.of(), SecretRedactor.SHAPES_ONLY);
        ApiException e = assertThrows(ApiException.class, () -> plan(t, chat("r", "")));
        assertEquals(500, e.status());
        assertEquals("router_failed", e.code());
        assertTrue(e.getMessage().contains("also-broken"), e.getMessage());
    }

    @Test
    void routeNamesInADecisionExpandToTheirModelsOnceUpToThreeLevelsDeep() {
        RoutingTable table = table(Map.of("top", fixed("l1", "small", "mid"), "l1", fixed("l2", "mid"), "l2", fixed("l3"),
                "l3", fixed("big"), "deep", fixed("d1", "small"), "d1", fixed("d2"), "d2", fixed("d3"), "d3", fixed("d4"), "d4",
                fixed("big"), "ghost", fixed("nope", "small")));
        RoutePlan plan = plan(table, chat("top", ""));
        assertEquals(List.of("big", "mid", "small"), ids(plan), "expanded in order, each model once");
        assertEquals("top", plan.route());
        assertEquals(List.of("small"), ids(plan(table, chat("deep", ""))), "a fourth level of routes is not followed");
        assertEquals(List.of("small"), ids(plan(table, chat("ghost", ""))), "unknown names are skipped");
    }

    @Test
    void candidatesWithoutTheNeededCapabilityAreRejected() {
        RoutingTable table = table(Map.of("all", fixed("small", "mid", "big", "embed")));
        String tools = ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": {}}}]";
        RoutePlan withTools = plan(table, chat("all", tools));
        assertEquals(List.of("mid", "big"), ids(withTools));
        assertEquals(List.of("small:capability", "embed:capability"), rejected(withTools));

        RoutePlan withJson = plan(table, chat("all", ", \"response_format\": {\"type\": \"json_object\"}"));
        assertEquals(List.of("big"), ids(withJson));

        JsonObject image = new JsonObject().put("model", "all").put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                .put("content", new JsonArray().add(new JsonObject().put("type", "image_url")
                        .put("image_url", new JsonObject().put("url", "https://example.com/a.png"))))));
        assertEquals(List.of("big"), ids(plan(table, ChatRequestParser.parse(image))));
    }

    @Test
    void candidatesWhoseContextWindowOrMaxOutputIsTooSmallAreRejected() {
        RoutingTable table = table(Map.of("all", fixed("small", "mid", "big")));
        RoutePlan longOutput = plan(table, chat("all", ", \"max_tokens\": 5000"));
        assertEquals(List.of("big"), ids(longOutput));
        assertEquals(List.of("small:context", "mid:context"), rejected(longOutput));

        String words = "word ".repeat(400);
        RoutePlan longInput = plan(table, ChatRequestParser.parse(new JsonObject().put("model", "all").put("messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", words)))));
        assertEquals(List.of("mid", "big"), ids(longInput));
        assertEquals(List.of("small:context"), rejected(longInput));
    }

    @Test
    void aProviderWithoutItsKeyIsRejectedAnd401WhenNothingElseIsLeft() {
        RoutePlan plan = plan(table(Map.of("r", fixed("keyless", "mid"))), chat("r", ""));
        assertEquals(List.of("mid"), ids(plan));
        assertEquals(List.of("keyless:credentials"), rejected(plan));
        ApiException e = assertThrows(ApiException.class, () -> plan(table(Map.of()), chat("keyless", "")));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("NOKEY_API_KEY"), e.getMessage());
    }

    @Test
    void aModelWhoseBreakerIsOpenIsSkippedAnd503WithRetryAfterWhenAllAre() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            BreakerRegistry breakers = new BreakerRegistry(vertx, m -> new ResilienceSettings(10_000, 5_000, 5_000, 0, 1_000, 10, 1, 60_000));
            get(breakers.start());
            get(breakers.run("mid", () -> Future.failedFuture(new ProviderException(ErrorKind.OVERLOADED, "down"))).otherwiseEmpty());
            Planner planner = new Planner(tokens, breakers);
            RoutePlan plan = planner.plan(table(Map.of("r", fixed("mid", "small"))), chat("r", ""), Map.of());
            assertEquals(List.of("small"), ids(plan));
            assertEquals(List.of("mid:breaker"), rejected(plan));
            ApiException e = assertThrows(ApiException.class, () -> planner.plan(table(Map.of("r", fixed("mid"))), chat("r", ""), Map.of()));
            assertEquals(503, e.status());
            assertTrue(e.retryAfter() != null && e.retryAfter().toMillis() > 0, "Retry-After until it reopens");
        } finally {
            get(vertx.close());
        }
    }

    @Test
    void aKeyPastItsPreferCheaperShareGetsARoutesCandidatesCheapestFirstUnpricedLast() {
        RoutingTable table = table(Map.of("r", fixed("big", "unpriced", "mid")));
        Map<String, String> budget = Map.of(ChatService.PREFER_CHEAPER, "true");
        RoutePlan plan = new Planner(tokens, null).plan(table, chat("r", ""), budget);
        assertEquals(List.of("mid", "big", "unpriced"), ids(plan));
        assertTrue(plan.reason().endsWith("(budget: cheapest first)"), plan.reason());
        assertEquals(List.of("big", "unpriced", "mid"), ids(plan(table, chat("r", ""))), "the router's order otherwise");
        assertEquals(List.of("big", "mid", "small"), ids(new Planner(tokens, null).plan(table, chat("big", ""), budget)),
                "a direct model keeps its chain");
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
