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
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
    private static final Duration[] LATENCY_BUCKETS = millis(100, 250, 500, 1000, 2500, 5000, 10_000, 20_000, 30_000, 60_000, 120_000);
    private static final Duration[] FIRST_TOKEN_BUCKETS = millis(50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000);

    private final MeterRegistry registry;
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<List<Object>, Series> series = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    /** Upstream call meters by model, then outcome: looked up per attempt without building a key. */
    private final Map<String, Map<String, AttemptMeters>> attempts = new ConcurrentHashMap<>();
    private final Set<String> breakerGauges = ConcurrentHashMap.newKeySet();

    public MetricsObserver(MeterRegistry registry) {
        this.registry = registry;
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
        Series s = series.computeIfAbsent(List.of(route, model, provider, r.status(), r.stream()),
                k -> new Series(route, model, provider, r.status(), r.stream()));
        s.requests.increment();
        s.latency.record(r.latencyMs(), TimeUnit.MILLISECONDS);
        if (r.firstTokenMs() != null) {
            s.firstToken().record(r.firstTokenMs(), TimeUnit.MILLISECONDS);
        }
        Usage u = r.usage();
        if (u != null) {
            s.tokensIn().increment(u.promptTokens());
            s.tokensOut().increment(u.completionTokens());
        }
        if (r.cost() != null) {
            s.cost().increment(r.cost());
        }
        if (r.fallbacks() > 0) {
            counter("switchboard.fallbacks", "Models given up on before the one that served (or all, when none did)",
                    "route", route, "model", model).increment(r.fallbacks());
        }
        if (r.routing() != null) {
            routing(route, r.routing());
        }
        if (r.retries() > 0) {
            counter("switchboard.retries", "Extra attempts on the same model", "route", route, "model", model).increment(r.retries());
        }
        for (Attempt a : r.attempts()) {
            AttemptMeters m = attempts.computeIfAbsent(a.model(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(a.outcome(), o -> new AttemptMeters(a.model(), o));
            m.count.increment();
            if (!"circuit_open".equals(a.outcome())) {   // skipped by an open breaker: no call was made
                m.duration.record(a.millis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Routing fallbacks by reason and the cost of routing calls (blocking or asynchronous routers). */
    private void routing(String route, RoutingReport report) {
        if (report.fallback() != null) {
            counter("switchboard.routing.fallbacks", "Routing decisions taken by the route's fallback router, by why",
                    "route", route, "reason", report.fallback()).increment();
        }
        if (report.costUsd() > 0) {
            counter("switchboard.routing.cost.usd", "USD cost of the completions routers asked for (apart from the answers')",
                    "route", route).increment(report.costUsd());
        }
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

    private Counter counter(String name, String help, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).description(help).tags(tags).register(registry));
    }

    private static List<String> key(String name, String... tags) {
        String[] k = new String[tags.length + 1];
        k[0] = name;
        System.arraycopy(tags, 0, k, 1, tags.length);
        return List.of(k);
    }

    static String orNone(String s) {
        return s == null ? NONE : s;
    }

    /** {@code ok}, {@code 4xx} or {@code 5xx}. */
    static String outcome(int status) {
        return status == 200 ? "ok" : status == 499 ? "client_cancelled" : status >= 500 ? "5xx" : "4xx";
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
            count = counter("switchboard.upstream.attempts", "Upstream calls by model and outcome (ok or the error kind)",
                    "model", model, "outcome", outcome);
            duration = Timer.builder("switchboard.upstream.duration")
                    .description("Upstream call duration by model and outcome (streams: until the first content)")
                    .tags("model", model, "outcome", outcome).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        }
    }

    /**
     * The meters of one (route, model, provider, status, stream) combination; the token and cost
     * counters (labelled by route, model, provider) are fetched once per series, not per request.
     */
    private final class Series {
        final Counter requests;
        final Timer latency;
        private final String route;
        private final String model;
        private final String provider;
        private final Tags ttftTags;
        private volatile Timer firstToken;
        /** Input tokens, output tokens, cost. */
        private final Counter[] usageCounters = new Counter[3];

        Series(String route, String model, String provider, int status, boolean stream) {
            Tags tags = Tags.of("route", route, "model", model, "provider", provider, "outcome", outcome(status),
                    "stream", Boolean.toString(stream));
            requests = Counter.builder("switchboard.requests").description("Completed requests")
                    .tags(tags.and("status", Integer.toString(status))).register(registry);
            latency = Timer.builder("switchboard.request.duration").description("Request latency until the response (streams: its end)")
                    .tags(tags).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
            ttftTags = Tags.of("route", route, "model", model, "provider", provider);
            this.route = route;
            this.model = model;
            this.provider = provider;
        }

        Counter tokensIn() {
            return lazy(0, () -> tokens("input"));
        }

        Counter tokensOut() {
            return lazy(1, () -> tokens("output"));
        }

        Counter cost() {
            return lazy(2, () -> counter("switchboard.cost.usd", "USD cost of served requests (catalog prices)", "route", route,
                    "model", model, "provider", provider));
        }

        /** Registered on first use, so series that never carry usage (errors) add no zero-valued meters. */
        private Counter lazy(int slot, Supplier<Counter> register) {
            Counter c = usageCounters[slot];
            if (c == null) {
                c = register.get();     // a race registers the same meter twice: Micrometer returns the one it has
                usageCounters[slot] = c;
            }
            return c;
        }

        private Counter tokens(String type) {
            return counter("switchboard.tokens", "Tokens billed by the serving model", "route", route, "model", model,
                    "provider", provider, "type", type);
        }

        Timer firstToken() {
            Timer t = firstToken;
            if (t == null) {
                t = Timer.builder("switchboard.time.to.first.token").description("Streams: time until the first content chunk")
                        .tags(ttftTags).serviceLevelObjectives(FIRST_TOKEN_BUCKETS).register(registry);
                firstToken = t;
            }
            return t;
        }
    }
}
