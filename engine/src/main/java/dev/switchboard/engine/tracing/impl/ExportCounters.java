package dev.switchboard.engine.tracing.impl;

import dev.switchboard.engine.tracing.TracingStats;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what becomes of finished spans. The batch processor drops spans silently when its queue is
 * full; here a span is admitted only while fewer than {@code max-queue-size} are waiting or being
 * exported, so the processor's queue never overflows and every span not admitted is counted as
 * dropped. The exporter's results count the exported and the failed.
 */
final class ExportCounters {
    private final int capacity;
    private final AtomicLong pending = new AtomicLong();
    private final LongAdder exported = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    ExportCounters(int capacity) {
        this.capacity = capacity;
    }

    TracingStats stats() {
        return new TracingStats(true, exported.sum(), dropped.sum(), failed.sum());
    }

    /** {@code processor} behind the admission bound. */
    SpanProcessor bounded(SpanProcessor processor) {
        return new SpanProcessor() {
            @Override
            public void onStart(Context parent, ReadWriteSpan span) {
                processor.onStart(parent, span);
            }

            @Override
            public boolean isStartRequired() {
                return processor.isStartRequired();
            }

            @Override
            public void onEnd(ReadableSpan span) {
                if (!span.getSpanContext().isSampled()) {
                    return;
                }
                if (pending.incrementAndGet() > capacity) {
                    pending.decrementAndGet();
                    dropped.increment();
                    return;
                }
                processor.onEnd(span);
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }

            @Override
            public CompletableResultCode shutdown() {
                return processor.shutdown();
            }

            @Override
            public CompletableResultCode forceFlush() {
                return processor.forceFlush();
            }
        };
    }

    /** {@code exporter} with its results counted. */
    SpanExporter counting(SpanExporter exporter) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                int n = spans.size();
                CompletableResultCode result = exporter.export(spans);
                result.whenComplete(() -> {
                    (result.isSuccess() ? exported : failed).add(n);
                    pending.addAndGet(-n);
                });
                return result;
            }

            @Override
            public CompletableResultCode flush() {
                return exporter.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return exporter.shutdown();
            }
        };
    }
}
