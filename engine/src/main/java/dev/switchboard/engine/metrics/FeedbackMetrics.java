package dev.switchboard.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code switchboard_feedback_total{route,model,category,arm,rating}} and
 * {@code switchboard_feedback_score{route,model,category,arm}} (a summary: {@code _count} and
 * {@code _sum}, so {@code _sum / _count} is the mean score). {@code category} carries the router's
 * category or, for tier routers, its tier; {@code arm} the weighted router's target. Every label value
 * comes from the config (routes, router labels, catalog models), so series stay bounded. Feedback is
 * rare next to requests: meters are looked up in the registry per rating, not cached.
 */
public final class FeedbackMetrics {
    private final MeterRegistry registry;

    public FeedbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one rating.
     *
     * @param thumbs {@code up}, {@code down}, or null for a score
     */
    public void rated(RatedRequest q, double score, String thumbs) {
        String route = orNone(q.route());
        String category = orNone(q.category() != null ? q.category() : q.tier());
        String arm = orNone(q.arm());
        Counter.builder("switchboard.feedback").description("Ratings received (POST /v1/feedback), by what the rated request was routed to")
                .tags("route", route, "model", q.model(), "category", category, "arm", arm, "rating", thumbs == null ? "score" : thumbs)
                .register(registry).increment();
        DistributionSummary.builder("switchboard.feedback.score").description("Scores of rated requests, 0..1 (thumbs up = 1, down = 0)")
                .tags("route", route, "model", q.model(), "category", category, "arm", arm).register(registry).record(score);
    }

    private static String orNone(String v) {
        return v == null ? MetricsObserver.NONE : v;
    }
}
