package dev.switchboard.testkit;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RouterContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A catalog of made-up models, and the router context a route sees over it. */
public final class FakeCatalog {
    /** The ids of {@link #standard()}. */
    public static final String[] STANDARD_IDS = {"gpt-4o-mini", "gpt-4o", "claude-haiku", "claude-sonnet", "o3", "deepseek-coder"};

    private FakeCatalog() {
    }

    /**
     * Models with these ids, in order: provider {@code anthropic} for ids starting with
     * {@code claude}, else {@code openai}; 128k context, 16k output, tools and vision; no prices.
     */
    public static Map<String, ModelDescriptor> of(String... ids) {
        Map<String, ModelDescriptor> catalog = new LinkedHashMap<>();
        for (String id : ids) {
            catalog.put(id, ModelDescriptor.of(id, id.startsWith("claude") ? "anthropic" : "openai", 128_000, 16_384,
                    Set.of(Capability.TOOLS, Capability.VISION)));
        }
        return Collections.unmodifiableMap(catalog);
    }

    /** {@link #of} the {@link #STANDARD_IDS}. */
    public static Map<String, ModelDescriptor> standard() {
        return of(STANDARD_IDS);
    }

    /** What a router of route {@code route} sees: the catalog and the route names ({@code route} among them). */
    public static RouterContext context(String route, Map<String, ModelDescriptor> catalog, String... otherRoutes) {
        Set<String> routes = new java.util.LinkedHashSet<>();
        routes.add(route);
        routes.addAll(java.util.List.of(otherRoutes));
        return new RouterContext(route, catalog, routes);
    }
}
