package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestObserver;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.routing.RoutingReport;
import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.spi.chat.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Switchboard's own Prometheus metrics, on Micrometer. Every name is prefixed {@code switchboard_}
 * and listed in the README. Label values are bounded by the config (routes, models, providers,
 * HTTP statuses), so series do not grow with traffic.
 */
public final class MetricsObserver implements RequestObserver {
    /** Label value when a request had no route (direct model call), no model or no provider. */
    static final String NONE = "none";
    // SLO buckets: the latencies an LLM gateway's operators alert on, from a fast cache hit to a long generation.
    static final Duration[] LATENCY_BUCKETS = millis(100, 250, 500, 1000, 2500, 5000, 10_000, 20_000, 30_000, 60_000, 120_000);
    static final Duration[] FIRST_TOKEN_BUCKETS = millis(50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000);

    private final MeterRegistry registry;
    private final AtomicLong inFlight = new AtomicLong();
    /** Request meters by route, model, provider, then status and stream: found without building a key. */
    private final MeterCache<RequestSeries> series;
    /** Upstream call meters by model, then outcome: looked up per attempt without building a key. */
    private final MeterCache<AttemptMeters> attempts = MeterCache.unbounded(v -> new AttemptMeters(v[0], v[1]));
    private final Set<String> breakerGauges = ConcurrentHashMap.newKeySet();
    private final FallbackMetrics fallbacks;
    private final KeyMetrics keys;
    private final DecisionMetrics decisions;
    private final MeterCache<Counter> retries;
    private final MeterCache<Counter> routingFallbacks;
    private final MeterCache<Counter> routingCost;
    private final MeterCache<Counter> escalations;

    /** Metrics with the default cap on key labels. */
    public MetricsObserver(MeterRegistry registry) {
        this(registry, dev.switchboard.config.SwitchboardConfig.Metrics.DEFAULT_MAX_KEY_LABELS);
    }

    /**
     * @param maxKeyLabels how many client key names get a label of their own ({@code metrics.max-key-labels})
     */
    public MetricsObserver(MeterRegistry registry, int maxKeyLabels) {
        this.registry = registry;
        this.fallbacks = new FallbackMetrics(registry);
        this.keys = new KeyMetrics(registry, maxKeyLabels);
        this.decisions = new DecisionMetrics(registry);
        this.series = MeterCache.unbounded(v -> new RequestSeries(registry, v[0], v[1], v[2]));
        this.retries = MeterCache.unbounded(v -> Counter.builder("switchboard.retries")
                .description("Upstream calls beyond the first on the same model, counted on that model").tags("route", v[0], "model", v[1])
                .register(registry));
        this.routingFallbacks = MeterCache.unbounded(v -> Counter.builder("switchboard.routing.fallbacks")
                .description("Routing decisions taken by the route's fallback router, by why").tags("route", v[0], "reason", v[1])
                .register(registry));
        this.routingCost = MeterCache.unbounded(v -> Counter.builder("switchboard.routing.cost.usd")
                .description("USD cost of the completions routers asked for (apart from the answers')").tags("route", v[0])
                .register(registry));
        this.escalations = MeterCache.unbounded(v -> Counter.builder("switchboard.escalations")
                .description("Answers that showed a poor-result signal of their route's escalation and were asked again of the "
                        + "next candidate, by the model escalated from and the signal").tags("route", v[0], "model", v[1], "signal", v[2])
                .register(registry));
        Gauge.builder("switchboard.requests.in.flight", inFlight, AtomicLong::get)
                .description("Requests started and not yet completed").register(registry);
    }

    @Override
    public void started(boolean stream) {
        inFlight.incrementAndGet();
    }

    @Override
    public void completed(RequestRecord r) {
        inFlight.decrementAndGet();
        String route = orNone(r.route());
        String model = orNone(r.model());
        String provider = orNone(r.provider());
        RequestSeries meters = series.get(route, model, provider);
        RequestSeries.Series s = meters.get(r.status(), r.stream());
        s.requests.increment();
        s.latency.record(r.latencyMs(), TimeUnit.MILLISECONDS);
        if (r.firstTokenMs() != null) {
            meters.firstToken().record(r.firstTokenMs(), TimeUnit.MILLISECONDS);
        }
        Usage u = r.usage();
        if (u != null) {
            meters.tokensIn().increment(u.promptTokens());
            meters.tokensOut().increment(u.completionTokens());
        }
        if (r.cost() != null) {
            meters.cost().increment(r.cost());
        }
        fallbacks.record(r, route);
        keys.record(r);
        decisions.record(r);
        if (r.routing() != null) {
            routing(route, r.routing());
        }
        if (r.retries() > 0) {
            countRetries(r, route);
        }
        List<Attempt> all = r.attempts();
        for (int i = 0; i < all.size(); i++) {
            Attempt a = all.get(i);
            if (a.skipped() && !Attempt.BREAKER_OPEN.equals(a.outcome())) {
                continue;   // passed over by the planner (capability, credentials, budget): no upstream was involved
            }
            if (a.poor() != null && a.poor().escalated()) {
                escalated(route, a);
            }
            AttemptMeters m = attempts.get(a.model(), a.outcome());
            m.count.increment();
            if (!a.skipped()) {   // skipped by an open breaker: no call was made
                m.duration.record(a.millis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A poor answer escalated from: counted, and its tokens and cost on its own model's series. */
    private void escalated(String route, Attempt a) {
        escalations.get(route, a.model(), a.poor().signal()).increment();
        RequestSeries meters = series.get(route, a.model(), orNone(a.poor().provider()));
        Usage u = a.poor().usage();
        if (u != null) {
            meters.tokensIn().increment(u.promptTokens());
            meters.tokensOut().increment(u.completionTokens());
        }
        if (a.poor().cost() != null) {
            meters.cost().increment(a.poor().cost());
        }
    }

    /** Routing fallbacks by reason and the cost of routing calls (blocking or asynchronous routers). */
    private void routing(String route, RoutingReport report) {
        if (report.fallback() != null) {
            routingFallbacks.get(route, report.fallback()).increment();
        }
        if (report.costUsd() > 0) {
            routingCost.get(route).increment(report.costUsd());
        }
    }

    /** Counts each upstream call beyond the first on its model, on that model. */
    private void countRetries(RequestRecord r, String route) {
        List<Attempt> all = r.attempts();
        for (int i = 0; i < all.size(); i++) {
            Attempt a = all.get(i);
            if (!a.skipped() && calledBefore(all, i)) {
                retries.get(route, a.model()).increment();
            }
        }
    }

    private static boolean calledBefore(List<Attempt> all, int i) {
        for (int j = 0; j < i; j++) {
            if (!all.get(j).skipped() && all.get(j).model().equals(all.get(i).model())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Registers a {@code switchboard_breaker_state} gauge for every model not yet tracked: 0 closed,
     * 1 half-open, 2 open. Call before a scrape so models added later get a gauge too.
     */
    public void trackBreakers(BreakerRegistry breakers, Collection<String> models) {
        for (String m : models) {
            if (breakerGauges.add(m)) {
                Gauge.builder("switchboard.breaker.state", () -> breakerState(breakers, m))
                        .description("Circuit breaker state per model: 0 closed, 1 half-open, 2 open")
                        .tags("model", m).register(registry);
            }
        }
    }

    /** Registers {@code switchboard_decisions_dropped_total} for the decision log's file queue. */
    public void trackDroppedDecisions(Supplier<Long> dropped) {
        io.micrometer.core.instrument.FunctionCounter.builder("switchboard.decisions.dropped", dropped, d -> d.get())
                .description("Decisions not written to logging.decisions-file because its queue was full").register(registry);
    }

    static int breakerState(BreakerRegistry breakers, String model) {
        JsonObject b = breakers.snapshot(List.of(model)).getJsonObject(0);
        return switch (b.getString("state")) {
            case "open" -> 2;
            case "half_open" -> 1;
            default -> 0;
        };
    }

    static String orNone(String s) {
        return s == null ? NONE : s;
    }

    /** The values of the {@code outcome} label of requests, by {@link #outcomeSlot}. */
    static final String[] OUTCOMES = {"ok", "client_cancelled", "5xx", "4xx"};

    /** {@code ok}, {@code client_cancelled} (499), {@code 4xx} or {@code 5xx}. */
    static String outcome(int status) {
        return OUTCOMES[outcomeSlot(status)];
    }

    /** The index in {@link #OUTCOMES} of a request's status. */
    static int outcomeSlot(int status) {
        return status == 200 ? 0 : status == 499 ? 1 : status >= 500 ? 2 : 3;
    }

    private static Duration[] millis(long... ms) {
        Duration[] out = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = Duration.ofMillis(ms[i]);
        }
        return out;
    }

    /** The meters of one upstream (model, outcome): calls and their duration. */
    private final class AttemptMeters {
        final Counter count;
        final Timer duration;

        AttemptMeters(String model, String outcome) {
            count = Counter.builder("switchboard.upstream.attempts").description("Upstream calls by model and outcome (ok or the error "
                    + "kind), and models skipped because their circuit breaker was open (breaker_open)")
                    .tags("model", model, "outcome", outcome).register(registry);
            duration = Timer.builder("switchboard.upstream.duration")
                    .description("Upstream call duration by model and outcome (streams: until the first content)")
                    .tags("model", model, "outcome", outcome).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        }
    }
}
