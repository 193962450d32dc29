package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * {@code switchboard_routing_decisions_total{route,router,category,tier}}: every decision a route's
 * router made, by the {@code category} and {@code tier} labels it gave ({@code none} when it gave
 * none). The built-in routers take those values from their config (keyword categories, complexity
 * tiers, weighted targets), never from the request; in case a third-party router does not, at most
 * {@value #MAX_SERIES} label sets are kept and further ones are counted as {@code other}.
 */
final class DecisionMetrics {
    static final int MAX_SERIES = 1000;
    static final String OTHER = "other";

    private final MeterCache<Counter> counters;

    DecisionMetrics(MeterRegistry registry) {
        counters = new MeterCache<>(MAX_SERIES, v -> register(registry, v[0], v[1], v[2], v[3]),
                v -> register(registry, v[0], v[1], OTHER, OTHER));
    }

    private static Counter register(MeterRegistry registry, String route, String router, String category, String tier) {
        return Counter.builder("switchboard.routing.decisions")
                .description("Routing decisions by route, router and the category and tier labels the router gave (none: no such label)")
                .tags("route", route, "router", router, "category", category, "tier", tier).register(registry);
    }

    /** Counts the decision of a routed request (direct model calls and requests that failed before routing are not decisions). */
    void record(RequestRecord r) {
        if (r.route() == null || r.reason() == null) {
            return;
        }
        Map<String, String> labels = r.labels();
        counters.get(r.route(), MetricsObserver.orNone(r.router()), MetricsObserver.orNone(labels.get("category")),
                MetricsObserver.orNone(labels.get("tier"))).increment();
    }
}
