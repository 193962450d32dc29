package dev.switchboard.engine.metrics;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one row of the feedback table: requests served with their cost and latency, and
 * the ratings they got (mean score, thumbs). Lock-free.
 */
final class FeedbackRow {
    private final LongAdder requests = new LongAdder();
    private final DoubleAdder cost = new DoubleAdder();
    private final LongAdder latencyMs = new LongAdder();
    private final LongAdder ratings = new LongAdder();
    private final DoubleAdder scores = new DoubleAdder();
    private final LongAdder up = new LongAdder();
    private final LongAdder down = new LongAdder();

    void served(Double costUsd, long latency) {
        requests.increment();
        cost.add(costUsd == null ? 0 : costUsd);
        latencyMs.add(latency);
    }

    /** @param thumbs {@code up}, {@code down}, or null for a score */
    void rated(double score, String thumbs) {
        ratings.increment();
        scores.add(score);
        if ("up".equals(thumbs)) {
            up.increment();
        } else if ("down".equals(thumbs)) {
            down.increment();
        }
    }

    /** The mean score, or null before the first rating. */
    Double meanScore() {
        long n = ratings.sum();
        return n == 0 ? null : scores.sum() / n;
    }

    /**
     * {@code requests, cost_usd, mean_cost_usd, mean_latency_ms, ratings, mean_score, thumbs_up, thumbs_down}
     * (means null without requests or ratings).
     */
    JsonObject toJson() {
        long n = requests.sum();
        Double mean = meanScore();
        return new JsonObject().put("requests", n).put("cost_usd", RequestStats.round(cost.sum(), 8))
                .put("mean_cost_usd", n == 0 ? null : RequestStats.round(cost.sum() / n, 8))
                .put("mean_latency_ms", n == 0 ? null : RequestStats.round((double) latencyMs.sum() / n, 1))
                .put("ratings", ratings.sum()).put("mean_score", mean == null ? null : RequestStats.round(mean, 4))
                .put("thumbs_up", up.sum()).put("thumbs_down", down.sum());
    }

    /** The raw sums, for adding nodes together. */
    JsonObject export() {
        return new JsonObject().put("requests", requests.sum()).put("cost_usd", cost.sum()).put("latency_ms", latencyMs.sum())
                .put("ratings", ratings.sum()).put("scores", scores.sum()).put("thumbs_up", up.sum()).put("thumbs_down", down.sum());
    }

    /** Adds another node's {@link #export()}. */
    void absorb(JsonObject e) {
        requests.add(e.getLong("requests", 0L));
        cost.add(e.getDouble("cost_usd", 0.0));
        latencyMs.add(e.getLong("latency_ms", 0L));
        ratings.add(e.getLong("ratings", 0L));
        scores.add(e.getDouble("scores", 0.0));
        up.add(e.getLong("thumbs_up", 0L));
        down.add(e.getLong("thumbs_down", 0L));
    }
}
