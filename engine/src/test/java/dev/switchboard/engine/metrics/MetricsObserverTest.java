package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.chat.Usage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsObserverTest {
    final PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    static double value(PrometheusMeterRegistry r, String name, String... tags) {
        var search = r.find(name);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        var counters = search.counters();
        if (!counters.isEmpty()) {
            return counters.stream().mapToDouble(c -> c.count()).sum();
        }
        return search.timer() != null ? search.timer().count() : search.gauge() != null ? search.gauge().value() : 0;
    }

    static RequestRecord record(String route, Map<String, String> labels, String served, int status, String key, Attempt... attempts) {
        return new RequestRecord("req-t", 1_700_000_000_000L, route, route == null ? null : "fixed", route == null ? "direct" : "fixed: first",
                labels, served, served == null ? null : "fake", List.of(attempts), 10, null, served == null ? null : Usage.of(12, 5),
                served == null ? null : 0.25, status, status == 200 ? null : "upstream_error", false, key);
    }

    @Test
    void countsRequestsTokensCostAndInFlight() {
        MetricsObserver m = new MetricsObserver(r);
        m.started(false);
        m.started(false);
        m.started(true);
        m.completed(Records.ok("auto", "m-a", 120, 0.5));
        m.completed(Records.fallback("auto", "m-bad", "m-a", 40));
        assertEquals(1, value(r, "switchboard.requests.in.flight"));
        assertEquals(2, value(r, "switchboard.requests", "route", "auto", "model", "m-a", "outcome", "ok", "status", "200"));
        assertEquals(22, value(r, "switchboard.tokens", "model", "m-a", "type", "input"));
        assertEquals(15, value(r, "switchboard.tokens", "model", "m-a", "type", "output"));
        assertEquals(0.501, value(r, "switchboard.cost.usd", "model", "m-a"), 1e-9);
        assertEquals(1, value(r, "switchboard.upstream.attempts", "model", "m-bad", "outcome", "upstream_5xx"));
        m.completed(Records.failed(null, "m-bad", 7, 502));
        assertEquals(1, value(r, "switchboard.requests", "route", "none", "model", "none", "outcome", "5xx", "status", "502"));
        String text = r.scrape();
        assertTrue(text.contains("switchboard_request_duration_seconds_bucket{"), text);
        assertTrue(text.contains("le=\"0.25\""), "SLO buckets are published: " + text);
        assertTrue(text.contains("switchboard_cost_usd_total{"), text);
    }

    @Test
    void aFallbackChain503Then200CountsTheFirstModelWithItsErrorKind() {
        MetricsObserver m = new MetricsObserver(r);
        m.completed(record("auto", Map.of(), "m-b", 200, null, new Attempt("m-a", "upstream_5xx", 503, 4), new Attempt("m-b", "ok", 200, 6)));
        assertEquals(1, value(r, "switchboard.fallbacks", "route", "auto", "model", "m-a", "to", "m-b", "reason", "upstream_5xx"));
        assertEquals(0, value(r, "switchboard.fallbacks", "model", "m-b"), "the model that served was not given up on");
        assertTrue(r.scrape().contains("switchboard_fallbacks_total{model=\"m-a\",reason=\"upstream_5xx\",route=\"auto\",to=\"m-b\"} 1.0"),
                r.scrape());
        assertTrue(r.scrape().contains("# HELP switchboard_fallbacks_total Models given up on, counted on the model given up on"), r.scrape());
    }

    @Test
    void aBreakerOpenSkipCountsBreakerOpenAndIsAnUpstreamAttemptWithoutDuration() {
        MetricsObserver m = new MetricsObserver(r);
        m.completed(record(null, Map.of(), "m-b", 200, null, Attempt.skip("m-a", Attempt.BREAKER_OPEN), new Attempt("m-b", "ok", 200, 6)));
        assertEquals(1, value(r, "switchboard.fallbacks", "route", "none", "model", "m-a", "to", "m-b", "reason", "breaker_open"));
        assertEquals(1, value(r, "switchboard.upstream.attempts", "model", "m-a", "outcome", "breaker_open"));
        assertEquals(0, r.find("switchboard.upstream.duration").tag("model", "m-a").timer().count(), "no call, no duration");
    }

    @Test
    void capabilityCredentialsAndBudgetSkipsAreFallbacksButNotUpstreamAttempts() {
        MetricsObserver m = new MetricsObserver(r);
        m.completed(record("auto", Map.of(), "m-d", 200, null, Attempt.skip("m-a", Attempt.BUDGET), Attempt.skip("m-b", Attempt.CAPABILITY),
                Attempt.skip("m-c", Attempt.CREDENTIALS), new Attempt("m-d", "ok", 200, 6)));
        assertEquals(1, value(r, "switchboard.fallbacks", "model", "m-a", "to", "m-b", "reason", "budget"));
        assertEquals(1, value(r, "switchboard.fallbacks", "model", "m-b", "to", "m-c", "reason", "capability"));
        assertEquals(1, value(r, "switchboard.fallbacks", "model", "m-c", "to", "m-d", "reason", "credentials"));
        for (String model : List.of("m-a", "m-b", "m-c")) {
            assertEquals(0, value(r, "switchboard.upstream.attempts", "model", model));
        }
    }

    @Test
    void aRetriedModelIsGivenUpOnOnceWithItsLastErrorAndAllWhenNoneServed() {
        MetricsObserver m = new MetricsObserver(r);
        m.completed(record("auto", Map.of(), null, 502, null, new Attempt("m-a", "rate_limited", 429, 1), new Attempt("m-a", "upstream_5xx", 500, 1),
                new Attempt("m-b", "timeout", 0, 1)));
        assertEquals(1, value(r, "switchboard.fallbacks", "model", "m-a"));
        assertEquals(1, value(r, "switchboard.fallbacks", "model", "m-a", "to", "m-b", "reason", "upstream_5xx"));
        assertEquals(1, value(r, "switchboard.fallbacks", "model", "m-b", "to", "none", "reason", "timeout"));
        assertEquals(1, value(r, "switchboard.retries", "route", "auto", "model", "m-a"), "counted on the model retried");
    }

    @Test
    void anErrorThatEndsTheRequestAtOnceGivesNothingUp() {
        MetricsObserver m = new MetricsObserver(r);
        m.completed(record(null, Map.of(), null, 400, null, new Attempt("m-a", "bad_request", 400, 3)));
        m.completed(record(null, Map.of(), null, 400, null, new Attempt("m-a", "context_length", 400, 3), new Attempt("m-big", "bad_request", 400, 3)));
        assertEquals(1, value(r, "switchboard.fallbacks"));
        assertEquals(1, value(r, "switchboard.fallbacks", "model", "m-a", "to", "m-big", "reason", "context_length"));
    }

    @Test
    void aClientThatLeftGaveNoModelUp() {
        MetricsObserver m = new MetricsObserver(r);
        m.completed(record(null, Map.of(), "m-a", 499, null, new Attempt("m-a", "client_cancelled", 499, 3)));
        m.completed(record(null, Map.of(), null, 499, null, new Attempt("m-b", "upstream_5xx", 500, 3)));
        assertEquals(0, value(r, "switchboard.fallbacks"));
    }

    @Test
    void perKeyCountersAreLabelledByKeyNameUpToTheCapThenOther() {
        MetricsObserver m = new MetricsObserver(r, 2);
        for (String key : List.of("team-a", "team-b", "team-a", "team-c", "team-d")) {
            m.completed(record(null, Map.of(), "m-a", 200, key, new Attempt("m-a", "ok", 200, 1)));
        }
        m.completed(record(null, Map.of(), null, 502, "team-c", new Attempt("m-a", "upstream_5xx", 500, 1)));
        m.completed(record(null, Map.of(), "m-a", 200, null, new Attempt("m-a", "ok", 200, 1)));
        assertEquals(2, value(r, "switchboard.key.requests", "key", "team-a", "outcome", "ok"));
        assertEquals(1, value(r, "switchboard.key.requests", "key", "team-b"));
        assertEquals(2, value(r, "switchboard.key.requests", "key", "other", "outcome", "ok"), "team-c and team-d beyond the cap of 2");
        assertEquals(1, value(r, "switchboard.key.requests", "key", "other", "outcome", "5xx"));
        assertEquals(24, value(r, "switchboard.key.tokens", "key", "team-a", "type", "input"));
        assertEquals(10, value(r, "switchboard.key.tokens", "key", "team-a", "type", "output"));
        assertEquals(0.5, value(r, "switchboard.key.cost.usd", "key", "team-a"), 1e-12);
        assertEquals(0.5, value(r, "switchboard.key.cost.usd", "key", "other"), 1e-12);
        String text = r.scrape();
        assertFalse(text.contains("team-c") || text.contains("team-d"), text);
        assertEquals(3, r.find("switchboard.key.requests").counters().stream().map(c -> c.getId().getTag("key")).distinct().count(),
                "team-a, team-b, other; anonymous requests are not per-key");
    }

    @Test
    void aCapOfZeroCountsEveryKeyAsOther() {
        MetricsObserver m = new MetricsObserver(r, 0);
        m.completed(record(null, Map.of(), "m-a", 200, "team-a", new Attempt("m-a", "ok", 200, 1)));
        assertEquals(1, value(r, "switchboard.key.requests", "key", "other"));
    }

    @Test
    void routingDecisionsAreCountedByRouteRouterCategoryAndTier() {
        MetricsObserver m = new MetricsObserver(r);
        m.completed(record("task", Map.of("category", "code"), "m-a", 200, null, new Attempt("m-a", "ok", 200, 1)));
        m.completed(record("task", Map.of("category", "code"), null, 502, null, new Attempt("m-a", "upstream_5xx", 500, 1)));
        m.completed(record("auto", Map.of("tier", "simple"), "m-a", 200, null, new Attempt("m-a", "ok", 200, 1)));
        m.completed(record(null, Map.of(), "m-a", 200, null, new Attempt("m-a", "ok", 200, 1)));
        assertEquals(2, value(r, "switchboard.routing.decisions", "route", "task", "router", "fixed", "category", "code", "tier", "none"));
        assertEquals(1, value(r, "switchboard.routing.decisions", "route", "auto", "category", "none", "tier", "simple"));
        assertEquals(3, value(r, "switchboard.routing.decisions"), "a direct model call is no routing decision");
    }

    @Test
    void routingDecisionLabelsBeyondTheCapAreOther() {
        MetricsObserver m = new MetricsObserver(r);
        for (int i = 0; i < DecisionMetrics.MAX_SERIES + 5; i++) {
            m.completed(record("free", Map.of("category", "c" + i), "m-a", 200, null, new Attempt("m-a", "ok", 200, 1)));
        }
        assertEquals(5, value(r, "switchboard.routing.decisions", "route", "free", "category", "other", "tier", "other"));
        assertEquals(DecisionMetrics.MAX_SERIES + 1, r.find("switchboard.routing.decisions").counters().size());
    }

    @Test
    void countingAKnownRequestAllocatesNothing() {
        MetricsObserver m = new MetricsObserver(r);
        RequestRecord served = new RequestRecord("req-t", 1L, "task", "keyword", "keyword: code", Map.of("category", "code"), "m-a", "fake",
                List.of(new Attempt("m-a", "ok", 200, 1)), 10, 4L, Usage.of(12, 5), 0.25, 200, null, true, "team-a");
        RequestRecord fellBack = record("task", Map.of("category", "code"), "m-b", 200, "team-a", new Attempt("m-a", "upstream_5xx", 500, 1),
                new Attempt("m-a", "upstream_5xx", 500, 1), new Attempt("m-b", "ok", 200, 1));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(), "this JVM measures allocation");
        long perRequest = Long.MAX_VALUE;
        for (int round = 0; round < 30 && perRequest > 0; round++) {   // until the JIT has compiled the path
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                m.completed(served);
                m.completed(fellBack);
            }
            perRequest = (threads.getCurrentThreadAllocatedBytes() - before) / 20_000;
        }
        assertEquals(0, perRequest, "bytes allocated per request by the metrics (every meter, fallbacks and retries included)");
        assertEquals(1, r.find("switchboard.requests").counters().stream().filter(c -> "task".equals(c.getId().getTag("route"))
                && "m-a".equals(c.getId().getTag("model"))).count());
    }
}
