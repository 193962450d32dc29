package dev.switchboard.bench;

import dev.switchboard.plugins.router.complexity.ComplexityRouterFactory;
import dev.switchboard.plugins.router.costfloor.CostFloorRouterFactory;
import dev.switchboard.plugins.router.fixed.FixedRouterFactory;
import dev.switchboard.plugins.router.keyword.KeywordRouterFactory;
import dev.switchboard.plugins.router.multimodal.MultimodalRouterFactory;
import dev.switchboard.plugins.router.weighted.WeightedRouterFactory;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalog and one router of each kind, configured as a deployment would (README options). */
final class BenchRouters {
    static final Map<String, ModelDescriptor> CATALOG = catalog();
    /**
     * {@link #CATALOG} plus a model with cheap input and dear output whose cost line crosses
     * text-small's at about 640 input tokens (with 512 expected output tokens): inside the cheap
     * token bounds of both prompts, so cost-floor has to count the tokens to order them.
     */
    static final Map<String, ModelDescriptor> CROSSING_CATALOG = crossingCatalog();

    private BenchRouters() {
    }

    private static Map<String, ModelDescriptor> catalog() {
        Map<String, ModelDescriptor> c = new LinkedHashMap<>();
        add(c, "gpt-4o-mini", 128_000, 16_384, Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON), 0.15, 0.6);
        add(c, "claude-haiku", 200_000, 8_192, Set.of(Capability.VISION, Capability.TOOLS), 0.8, 4.0);
        add(c, "text-small", 16_000, 4_096, Set.of(Capability.JSON), 0.05, 0.2);
        add(c, "gpt-4o", 128_000, 16_384, Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON), 2.5, 10.0);
        add(c, "claude-sonnet", 200_000, 64_000, Set.of(Capability.VISION, Capability.TOOLS), 3.0, 15.0);
        add(c, "o3", 200_000, 100_000, Set.of(Capability.TOOLS, Capability.JSON), 2.0, 8.0);
        add(c, "claude-opus", 200_000, 32_000, Set.of(Capability.VISION, Capability.TOOLS), 15.0, 75.0);
        return java.util.Collections.unmodifiableMap(c);
    }

    private static Map<String, ModelDescriptor> crossingCatalog() {
        Map<String, ModelDescriptor> c = new LinkedHashMap<>(CATALOG);
        add(c, "cheap-input", 16_000, 4_096, Set.of(Capability.JSON), 0.01, 0.25);
        return java.util.Collections.unmodifiableMap(c);
    }

    private static void add(Map<String, ModelDescriptor> c, String id, int context, int maxOut, Set<Capability> caps,
                            double in, double out) {
        c.put(id, new ModelDescriptor(id, "bench", id, context, maxOut, caps, in, out, null, List.of()));
    }

    static Router keyword() {
        return create(new KeywordRouterFactory(), "task", """
                {"categories": {
                  "code": {"models": ["gpt-4o", "claude-sonnet"]},
                  "reasoning": {"models": ["o3", "claude-sonnet"]},
                  "tools": {"models": ["gpt-4o", "claude-sonnet"]},
                  "conversation": {"models": ["gpt-4o-mini", "claude-haiku"]},
                  "translation": {"keywords": ["translate", "translation"],
                                  "patterns": ["\\\\bin(to)? (french|german|spanish)\\\\b"], "models": ["gpt-4o"]}},
                 "default-category": "conversation"}""");
    }

    static Router complexity() {
        return create(new ComplexityRouterFactory(), "auto", """
                {"tiers": {"budget": ["gpt-4o-mini", "claude-haiku"], "mid": ["claude-haiku", "gpt-4o-mini"],
                           "standard": ["claude-sonnet", "gpt-4o"], "premium": ["o3", "claude-opus"]}}""");
    }

    static Router multimodal() {
        return create(new MultimodalRouterFactory(), "vision-auto", """
                {"primary": "gpt-4o", "secondary": "text-small", "reserve-output-tokens": 4096}""");
    }

    static Router costFloor() {
        return create(new CostFloorRouterFactory(), "cheapest", """
                {"exclude-free": true, "fallbacks": 2}""");
    }

    /** {@link #costFloor()} over {@link #CROSSING_CATALOG}. */
    static Router costFloorCrossing() {
        return new CostFloorRouterFactory().create(new JsonObject("{\"exclude-free\": true, \"fallbacks\": 2}"),
                new RouterContext("cheapest", CROSSING_CATALOG, Set.of("cheapest")));
    }

    static Router weighted() {
        return create(new WeightedRouterFactory(), "ab", """
                {"targets": {"gpt-4o": 90, "gpt-4o-mini": 10}, "sticky-by": "user"}""");
    }

    static Router fixed() {
        return create(new FixedRouterFactory(), "pinned", """
                {"models": ["gpt-4o", "claude-sonnet"]}""");
    }

    private static Router create(RouterFactory factory, String route, String options) {
        return factory.create(new JsonObject(options), new RouterContext(route, CATALOG, Set.of(route)));
    }
}
