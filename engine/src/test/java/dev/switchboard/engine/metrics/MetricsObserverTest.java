package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsObserverTest {

    static double value(PrometheusMeterRegistry r, String name, String... tags) {
        var search = r.find(name);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        var counter = search.counter();
        if (counter != null) {
            return counter.count();
        }
        return search.timer() != null ? search.timer().count() : search.gauge().value();
    }

    @Test
    void countsRequestsTokensCostFallbacksAndInFlight() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
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
        assertEquals(1, value(r, "switchboard.fallbacks", "route", "auto", "model", "m-a"));
        assertEquals(1, value(r, "switchboard.upstream.attempts", "model", "m-bad", "outcome", "upstream_5xx"));
        m.completed(Records.failed(null, "m-bad", 7, 502));
        assertEquals(1, value(r, "switchboard.requests", "route", "none", "model", "none", "outcome", "5xx", "status", "502"));
        String text = r.scrape();
        assertTrue(text.contains("switchboard_request_duration_seconds_bucket{"), text);
        assertTrue(text.contains("le=\"0.25\""), "SLO buckets are published: " + text);
        assertTrue(text.contains("switchboard_cost_usd_total{"), text);
    }
}
