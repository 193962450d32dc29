package dev.switchboard.engine.resilience;

import dev.switchboard.config.SwitchboardConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the settings for a route and model: global, overridden by the route's
 * {@code resilience}, overridden by the model's. Cached: configs are immutable.
 */
public final class ResilienceResolver {
    private final SwitchboardConfig config;
    /** By route, then model ("" for null): looked up per attempt, so no key is built per call. */
    private final Map<String, Map<String, ResilienceSettings>> cache = new ConcurrentHashMap<>();

    public ResilienceResolver(SwitchboardConfig config) {
        this.config = config;
    }

    /** Settings for an attempt on {@code model} (null: request-level) within {@code route} (null: direct call). */
    public ResilienceSettings settings(String route, String model) {
        return cache.computeIfAbsent(route == null ? "" : route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(model == null ? "" : model, m -> ResilienceSettings.of(config.resilienceFor(route, model)));
    }
}
