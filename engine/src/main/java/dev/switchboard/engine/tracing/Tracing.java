package dev.switchboard.engine.tracing;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.pipeline.RequestTrace;
import dev.switchboard.engine.pipeline.RequestTracer;
import dev.switchboard.engine.tracing.impl.OtelTracing;
import dev.switchboard.spi.chat.ChatRequest;
import io.vertx.core.Future;
import java.util.Map;

/**
 * OpenTelemetry traces of the requests a node serves: one span per request, a child span for the
 * routing decision and one per upstream attempt (see {@link RequestTrace}). {@link #OFF} (the
 * default) makes nothing: every request gets {@link RequestTrace#NONE} and no SDK object exists.
 * The enabled implementation exports over OTLP/HTTP from a background thread; a slow or absent
 * collector never delays a request, and spans it could not take are counted ({@link #stats()}).
 */
public interface Tracing extends RequestTracer {

    /** Tracing off: no spans, no exporter, no work per request. */
    Tracing OFF = new Tracing() {
        @Override
        public RequestTrace start(String operation, ChatRequest request, Map<String, String> metadata, boolean stream) {
            return RequestTrace.NONE;
        }

        @Override
        public TracingStats stats() {
            return TracingStats.OFF;
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    };

    /**
     * {@link #OFF} unless {@code tracing.enabled}; else the OTLP exporter and its batch processor, started.
     *
     * @param version the Switchboard version the spans name ({@code service.version})
     */
    static Tracing create(SwitchboardConfig.Tracing config, String version) {
        return config.enabled() ? OtelTracing.create(config, version) : OFF;
    }

    /** Spans exported, dropped and failed so far ({@code GET /health}, {@code /metrics}). */
    TracingStats stats();

    /** Flushes the spans still queued (bounded by {@code tracing.export-timeout-ms}) and stops the exporter. */
    Future<Void> close();
}
