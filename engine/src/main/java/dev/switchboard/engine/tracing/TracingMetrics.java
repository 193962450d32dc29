package dev.switchboard.engine.tracing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** {@code switchboard_tracing_spans_total{outcome="exported|dropped|failed"}} on {@code /metrics}, read when scraped. */
public final class TracingMetrics {
    private TracingMetrics() {
    }

    /** Registers the span counters of {@code tracing} (nothing when tracing is off). */
    public static void register(MeterRegistry registry, Tracing tracing) {
        if (!tracing.stats().enabled()) {
            return;
        }
        counter(registry, tracing, "exported", t -> t.stats().exported());
        counter(registry, tracing, "dropped", t -> t.stats().dropped());
        counter(registry, tracing, "failed", t -> t.stats().failed());
    }

    private static void counter(MeterRegistry registry, Tracing tracing, String outcome, ToDoubleFunction<Tracing> count) {
        FunctionCounter.builder("switchboard.tracing.spans", tracing, count).tag("outcome", outcome)
                .description("Finished trace spans by outcome: exported, dropped (export queue full) or failed (the export failed)")
                .register(registry);
    }
}
