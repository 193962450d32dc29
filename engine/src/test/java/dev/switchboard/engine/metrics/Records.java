package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.chat.Usage;
import java.util.List;
import java.util.Map;

/** Request records for the metrics tests. */
final class Records {
    private Records() {
    }

    /** A served request: 12 in / 5 out tokens. */
    static RequestRecord ok(String route, String model, long latencyMs, Double cost) {
        return new RequestRecord("req-" + latencyMs, 1_700_000_000_000L, route, route == null ? null : "fixed",
                route == null ? "direct" : "fixed: first", Map.of("tier", "small"), model, "fake",
                List.of(new Attempt(model, "ok", 200, latencyMs)), latencyMs, null, Usage.of(12, 5), cost, 200, null, false,
                "team-a");
    }

    /** A request served by {@code model} after {@code failed} failed with a 500. */
    static RequestRecord fallback(String route, String failed, String model, long latencyMs) {
        return new RequestRecord("req-fb", 1_700_000_000_000L, route, "fixed", "fixed: first", Map.of(), model, "fake",
                List.of(new Attempt(failed, "upstream_5xx", 500, 3), new Attempt(model, "ok", 200, latencyMs - 3)), latencyMs, null,
                Usage.of(10, 10), 0.001, 200, null, false, null);
    }

    /** A request no model served: every attempt on {@code model} failed. */
    static RequestRecord failed(String route, String model, long latencyMs, int status) {
        return new RequestRecord("req-err", 1_700_000_000_000L, route, route == null ? null : "fixed", "direct", Map.of(), null, null,
                List.of(new Attempt(model, "upstream_5xx", 500, latencyMs)), latencyMs, null, null, null, status, "upstream_error",
                false, null);
    }
}
