package dev.switchboard.engine.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage collections per collector, read from the collector MXBeans when {@code /metrics} is
 * scraped: {@code jvm_gc_collections_total{gc}} and {@code jvm_gc_collection_seconds_total{gc}}.
 * Nothing runs per collection, unlike a GC notification listener.
 */
final class GcMetrics implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            FunctionCounter.builder("jvm.gc.collections", gc, b -> Math.max(0, b.getCollectionCount()))
                    .description("Garbage collections by this collector").tag("gc", gc.getName()).register(registry);
            FunctionCounter.builder("jvm.gc.collection.seconds", gc, b -> Math.max(0, b.getCollectionTime()) / 1000.0)
                    .description("Time spent in collections by this collector (approximate, as the JVM reports it)")
                    .tag("gc", gc.getName()).register(registry);
        }
    }
}
