package dev.switchboard.engine.resilience;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.quality.PoorResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the settings for a route and model: global, overridden by the route's
 * {@code resilience}, overridden by the model's. Cached: configs are immutable.
 */
public final class ResilienceResolver {
    private final SwitchboardConfig config;
    /** By route, then model ("" for null): looked up per attempt, so no key is built per call. */
    private final Map<String, Map<String, ResilienceSettings>> cache = new ConcurrentHashMap<>();
    /** By route: the judge of its answers, or {@link #NO_ESCALATION}. */
    private final Map<String, Optional<PoorResult>> escalations = new ConcurrentHashMap<>();
    private static final Optional<PoorResult> NO_ESCALATION = Optional.empty();

    public ResilienceResolver(SwitchboardConfig config) {
        this.config = config;
    }

    /** Settings for an attempt on {@code model} (null: request-level) within {@code route} (null: direct call). */
    public ResilienceSettings settings(String route, String model) {
        return cache.computeIfAbsent(route == null ? "" : route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(model == null ? "" : model, m -> ResilienceSettings.of(config.resilienceFor(route, model)));
    }

    /**
     * The judge of poor answers of {@code route} ({@code routes.<name>.escalation}), or null when the
     * route has none or the request named a model (direct calls never escalate).
     */
    public PoorResult escalation(String route) {
        if (route == null) {
            return null;
        }
        return escalations.computeIfAbsent(route, r -> {
            SwitchboardConfig.Route configured = config.routes().get(r);
            return configured == null || configured.escalation() == null ? NO_ESCALATION
                    : Optional.of(new PoorResult(configured.escalation()));
        }).orElse(null);
    }
}
