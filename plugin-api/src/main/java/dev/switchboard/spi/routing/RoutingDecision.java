package dev.switchboard.spi.routing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A router's answer.
 *
 * @param models ordered catalog model ids (or route names, which the engine resolves); the head is
 *               the primary, the tail the fallback chain; never empty
 * @param reason one short line saying why, e.g. {@code keyword category=code matched=python,debug}
 * @param labels classification labels such as {@code category} or {@code tier}
 */
public record RoutingDecision(List<String> models, String reason, Map<String, String> labels) {
    public RoutingDecision {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a decision needs at least one model");
        }
        reason = reason == null ? "" : reason;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A decision without labels. */
    public static RoutingDecision of(List<String> models, String reason) {
        return new RoutingDecision(models, reason, Map.of());
    }

    /** The primary model. */
    public String primary() {
        return models.get(0);
    }
}
