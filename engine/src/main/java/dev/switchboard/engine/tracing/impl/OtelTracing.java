package dev.switchboard.engine.tracing.impl;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.pipeline.RequestTrace;
import dev.switchboard.engine.tracing.Tracing;
import dev.switchboard.engine.tracing.TracingStats;
import dev.switchboard.spi.chat.ChatRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tracing on: an SDK tracer provider with a parent-based ratio sampler, a batch span processor
 * (its own thread) and the OTLP/HTTP exporter on the JDK's HTTP client. Nothing here is global:
 * no {@code GlobalOpenTelemetry}, no thread-local context; each request's span is passed along
 * explicitly, because a Vert.x event loop serves thousands of requests interleaved.
 */
public final class OtelTracing implements Tracing {
    static final String INSTRUMENTATION = "dev.switchboard";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final ExportCounters counters;
    private final long closeTimeoutMs;

    private OtelTracing(SdkTracerProvider provider, ExportCounters counters, long closeTimeoutMs) {
        this.provider = provider;
        this.tracer = provider.get(INSTRUMENTATION);
        this.counters = counters;
        this.closeTimeoutMs = closeTimeoutMs;
    }

    /**
     * Builds the SDK from validated {@code tracing.*} settings.
     *
     * @param version the Switchboard version the spans' resource names ({@code service.version})
     */
    public static OtelTracing create(SwitchboardConfig.Tracing c, String version) {
        var exporter = OtlpHttpSpanExporter.builder().setEndpoint(c.endpoint()).setTimeout(Duration.ofMillis(c.exportTimeoutMs()))
                .setConnectTimeout(Duration.ofMillis(Math.min(c.exportTimeoutMs(), 10_000)));
        c.headers().forEach(exporter::addHeader);
        return create(c, version, exporter.build());
    }

    /** As {@link #create(SwitchboardConfig.Tracing, String)} with another exporter (tests). */
    static OtelTracing create(SwitchboardConfig.Tracing c, String version, SpanExporter exporter) {
        ExportCounters counters = new ExportCounters(c.maxQueueSize());
        BatchSpanProcessor batch = BatchSpanProcessor.builder(counters.counting(exporter))
                .setMaxQueueSize(c.maxQueueSize()).setMaxExportBatchSize(c.maxExportBatchSize())
                .setScheduleDelay(Duration.ofMillis(c.scheduleDelayMs())).setExporterTimeout(Duration.ofMillis(c.exportTimeoutMs()))
                .build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, c.serviceName(),
                SERVICE_VERSION, version)));
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(c.sampleRatio())))
                .addSpanProcessor(counters.bounded(batch)).build();
        return new OtelTracing(provider, counters, c.exportTimeoutMs() + 1_000);
    }

    @Override
    public RequestTrace start(String operation, ChatRequest request, Map<String, String> metadata, boolean stream) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), metadata, MetadataGetter.INSTANCE);
        return new OtelRequestTrace(tracer, parent, operation, request.model(), metadata, stream, SpanKind.SERVER);
    }

    @Override
    public TracingStats stats() {
        return counters.stats();
    }

    @Override
    public Future<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        provider.shutdown().whenComplete(() -> done.complete(null));
        // a collector that is down must not hold the stop up past the export timeout
        return Future.fromCompletionStage(done.completeOnTimeout(null, closeTimeoutMs, TimeUnit.MILLISECONDS));
    }

    /** Reads {@code traceparent}/{@code tracestate} from the caller's lower-cased headers. */
    private enum MetadataGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
