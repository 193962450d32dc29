package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.routing.RoutingReport;
import dev.switchboard.spi.routing.RoutingStats;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Running figures of one model, route or the whole node; recording is lock-free and allocation-free. */
final class RequestStats {
    private final LongAdder requests = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder inputTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder unpriced = new LongAdder();
    private final DoubleAdder cost = new DoubleAdder();
    private final LatencyBuckets latency = new LatencyBuckets();
    private final LongAdder routingCalls = new LongAdder();
    private final LongAdder routingFallbacks = new LongAdder();
    private final DoubleAdder routingCost = new DoubleAdder();
    private final LongAdder escalations = new LongAdder();

    /** Records a request with its whole usage and cost: the poor answers it was escalated from included (route, key, node). */
    void record(RequestRecord r) {
        record(r, r.totalUsage(), r.totalCost());
        escalations.add(escalationsOf(r));
    }

    /** Records a request on the model that served it: only its own answer's usage and cost (its escalations are other models'). */
    void recordServed(RequestRecord r) {
        record(r, r.usage(), r.cost());
    }

    /**
     * Records a poor answer of this model that a request was escalated from: a call that answered
     * (a success, not a failure: the model did answer), with its usage, cost and time, and one more
     * {@code escalations}.
     */
    void recordPoor(Attempt a) {
        requests.increment();
        successes.increment();
        latency.record(a.millis());
        add(a.poor().usage(), a.poor().cost(), true);
        escalations.increment();
    }

    private void add(Usage u, Double c, boolean answered) {
        if (u != null) {
            inputTokens.add(u.promptTokens());
            outputTokens.add(u.completionTokens());
        }
        if (c != null) {
            cost.add(c);
        } else if (answered) {
            unpriced.increment(); // answered, but its price is unknown: say so rather than count it as free
        }
    }

    private void record(RequestRecord r, Usage u, Double c) {
        requests.increment();
        if (r.status() == 200) {
            successes.increment();
        } else if (r.status() == 499) {
            cancelled.increment(); // the client went away (client_cancelled)
        }
        latency.record(r.latencyMs());
        add(u, c, r.model() != null);
        RoutingReport routing = r.routing();
        if (routing != null) {
            routingCalls.add(routing.calls());
            routingCost.add(routing.costUsd());
            routingFallbacks.add(routing.fallback() == null ? 0 : 1);
        }
    }

    private static int escalationsOf(RequestRecord r) {
        int n = 0;
        for (int i = 0; i < r.attempts().size(); i++) {
            Attempt a = r.attempts().get(i);
            n += a.poor() != null && a.poor().escalated() ? 1 : 0;
        }
        return n;
    }

    /**
     * The figures a router reads ({@code RoutingServices.stats()}).
     *
     * @param quality the mean feedback score, or null without ratings
     */
    RoutingStats.Figures figures(Double quality) {
        long n = requests.sum();
        if (n == 0) {
            return quality == null ? RoutingStats.Figures.EMPTY : new RoutingStats.Figures(0, 0, null, null, quality);
        }
        long failed = n - successes.sum() - cancelled.sum();
        return new RoutingStats.Figures(n, (double) failed / n, latency.percentile(0.50), latency.percentile(0.95), quality);
    }

    /**
     * {@code requests, successes, client_cancelled, success_rate (0..1, null with no requests), p50_latency_ms,
     * p95_latency_ms, input_tokens, output_tokens, cost_usd, unpriced_requests, routing_calls, routing_cost_usd, routing_fallbacks,
     * escalations}: the routing figures are those of the requests' blocking or asynchronous routers, apart from {@code cost_usd};
     * {@code escalations} are poor answers escalated from (a model's: its own; a route's: its requests').
     */
    JsonObject toJson() {
        long n = requests.sum();
        long ok = successes.sum();
        return new JsonObject().put("requests", n).put("successes", ok).put("client_cancelled", cancelled.sum())
                .put("success_rate", n == 0 ? null : round((double) ok / n, 4))
                .put("p50_latency_ms", n == 0 ? null : round(latency.percentile(0.50), 1))
                .put("p95_latency_ms", n == 0 ? null : round(latency.percentile(0.95), 1))
                .put("input_tokens", inputTokens.sum()).put("output_tokens", outputTokens.sum())
                .put("cost_usd", round(cost.sum(), 8)).put("unpriced_requests", unpriced.sum())
                .put("routing_calls", routingCalls.sum()).put("routing_cost_usd", round(routingCost.sum(), 8))
                .put("routing_fallbacks", routingFallbacks.sum()).put("escalations", escalations.sum());
    }

    /**
     * The raw figures for summing across nodes: the counters, the unrounded cost and the latency
     * histogram's buckets ({@link LatencyBuckets#export()}).
     */
    JsonObject export() {
        return new JsonObject().put("requests", requests.sum()).put("successes", successes.sum())
                .put("client_cancelled", cancelled.sum()).put("input_tokens", inputTokens.sum()).put("output_tokens", outputTokens.sum())
                .put("cost_usd", cost.sum()).put("unpriced_requests", unpriced.sum()).put("latency", latency.export())
                .put("routing_calls", routingCalls.sum()).put("routing_cost_usd", routingCost.sum())
                .put("routing_fallbacks", routingFallbacks.sum()).put("escalations", escalations.sum());
    }

    /** Adds another node's {@link #export()}; {@link #toJson()} then answers the sum, percentiles from the merged buckets. */
    void absorb(JsonObject exported) {
        requests.add(exported.getLong("requests", 0L));
        successes.add(exported.getLong("successes", 0L));
        cancelled.add(exported.getLong("client_cancelled", 0L));
        inputTokens.add(exported.getLong("input_tokens", 0L));
        outputTokens.add(exported.getLong("output_tokens", 0L));
        cost.add(exported.getDouble("cost_usd", 0.0));
        unpriced.add(exported.getLong("unpriced_requests", 0L));
        latency.absorb(exported.getJsonObject("latency", new JsonObject()));
        routingCalls.add(exported.getLong("routing_calls", 0L));
        routingCost.add(exported.getDouble("routing_cost_usd", 0.0));
        routingFallbacks.add(exported.getLong("routing_fallbacks", 0L));
        escalations.add(exported.getLong("escalations", 0L));
    }

    /** {@code v} rounded to {@code digits} decimals (the figures' JSON). */
    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
