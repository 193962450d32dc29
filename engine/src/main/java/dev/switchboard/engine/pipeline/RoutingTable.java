package dev.switchboard.engine.pipeline;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.routing.RouteDecider;
import dev.switchboard.engine.plugin.PluginClosing;
import dev.switchboard.engine.quality.PoorResult;
import dev.switchboard.engine.resilience.ProviderTable;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import java.util.Map;

/**
 * The immutable routing state: catalog, routes with their router instances, providers. A config
 * change builds a new table and swaps it in atomically.
 *
 * @param catalog   model id to model, config order
 * @param routes    route name to its router
 * @param providers provider id to runtime
 * @param redactor  scrubs this config's secrets (and credential shapes) from upstream error text
 */
public record RoutingTable(Map<String, ModelDescriptor> catalog, Map<String, RouteRuntime> routes,
                           Map<String, ProviderRuntime> providers, SecretRedactor redactor) implements ProviderTable {

    /** The judge of {@code route}'s answers, from this table's config (so a reload changes it), or null. */
    @Override
    public PoorResult escalation(String route) {
        RouteRuntime r = route == null ? null : routes.get(route);
        return r == null ? null : r.escalation();
    }

    /**
     * Closes the routers and adapters this table's build created (a table derived by model discovery
     * shares them); each failure is logged, never thrown. Call it off the event loop: a plugin's
     * {@code close()} may block.
     */
    public void closePlugins() {
        close(routes, providers);
    }

    /** Closes the given routers and adapters, e.g. those of a build that failed half-way. */
    static void close(Map<String, RouteRuntime> routes, Map<String, ProviderRuntime> providers) {
        routes.values().forEach(r -> PluginClosing.quietly("router of route '" + r.name() + "'", r.router()::close));
        routes.values().forEach(r -> PluginClosing.quietly("fallback router of route '" + r.name() + "'", r.decider()::closeFallback));
        providers.values().forEach(p -> PluginClosing.quietly("adapter of provider '" + p.id() + "'", p.adapter()::close));
    }

    /**
     * One route at run time.
     *
     * @param name        route name
     * @param routerId    the router plugin id
     * @param router      the router instance
     * @param description optional human description
     * @param decider     asks the router and falls back ({@code decision-timeout-ms}, {@code fallback-router})
     * @param escalation  judges its answers for quality escalation ({@code escalation}), or null (off)
     */
    public record RouteRuntime(String name, String routerId, Router router, String description, RouteDecider decider,
                               PoorResult escalation) {

        /** A route without quality escalation. */
        public RouteRuntime(String name, String routerId, Router router, String description, RouteDecider decider) {
            this(name, routerId, router, description, decider, null);
        }

        /** A route whose router is pure, with the default fallback. */
        public RouteRuntime(String name, String routerId, Router router, String description) {
            this(name, routerId, router, description, new RouteDecider(name, router, RouteDecider.Mode.PURE,
                    SwitchboardConfig.Route.DEFAULT_DECISION_TIMEOUT_MS, null, null, false));
        }

        /** Whether the router answers later (asynchronous, or blocking on the routing worker pool). */
        public boolean deferred() {
            return decider.mode() != RouteDecider.Mode.PURE;
        }
    }
}
