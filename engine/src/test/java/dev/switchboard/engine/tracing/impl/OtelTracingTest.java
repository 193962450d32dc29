package dev.switchboard.engine.tracing.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.PoorAnswer;
import dev.switchboard.engine.pipeline.RequestTrace;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The spans of one request as the SDK records them, sampling, and the counting of dropped spans. */
class OtelTracingTest {
    static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final ChatRequest REQUEST = dev.switchboard.engine.pipeline.RequestBodies.parse(new JsonObject().put("model", "auto")
            .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi"))));
    static final ModelDescriptor MODEL = ModelDescriptor.of("m", "p", 1000, 100, Set.of());

    /** Keeps what it is given; {@code answer} null leaves every export pending (a collector that never answers). */
    static final class Collecting implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();
        final boolean answer;

        Collecting(boolean answer) {
            this.answer = answer;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            if (!answer) {
                return new CompletableResultCode();
            }
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    static SwitchboardConfig.Tracing config(double ratio, int queue) {
        return new SwitchboardConfig.Tracing(true, "http://127.0.0.1:1/v1/traces", "http/protobuf", "t", ratio, Map.of(), 1000, queue,
                1, 10);
    }

    static RequestRecord record(int status, String errorCode) {
        return new RequestRecord("r1", 0, null, null, "direct", Map.of(), "m", "p", List.of(), 5, 1L, Usage.of(3, 4), 0.5, status,
                errorCode, true, null);
    }

    static UpstreamRequest call() {
        return UpstreamRequest.postJson("http://127.0.0.1:1/v1/chat/completions", null, Buffer.buffer("{}"));
    }

    @Test
    void aStreamsServingAttemptLastsUntilTheStreamEndsAndACancelledOneSaysSo() throws Exception {
        Collecting exporter = new Collecting(true);
        OtelTracing tracing = OtelTracing.create(config(1.0, 100), "test", exporter);
        RequestTrace trace = tracing.start(RequestTrace.CHAT, REQUEST,
                Map.of("traceparent", "00-" + CALLER_TRACE + "-b7ad6b7169203331-01"), true);
        UpstreamRequest sent = trace.attemptStarted(MODEL, "openai", call());
        String traceparent = sent.headers().get("traceparent");
        assertTrue(traceparent.startsWith("00-" + CALLER_TRACE + "-"), traceparent);
        trace.attemptServing(new Attempt("m", "ok", 200, 3));
        tracing.close().toCompletionStage().toCompletableFuture().get();
        assertEquals(0, exporter.spans.size(), "nothing ends before the stream does");

        exporter = new Collecting(true);
        tracing = OtelTracing.create(config(1.0, 100), "test", exporter);
        trace = tracing.start(RequestTrace.CHAT, REQUEST, Map.of(), true);
        trace.attemptStarted(MODEL, "openai", call());
        trace.attemptServing(new Attempt("m", "ok", 200, 3));
        trace.ended(record(499, "client_cancelled"));
        tracing.close().toCompletionStage().toCompletableFuture().get();
        assertEquals(2, exporter.spans.size());
        for (SpanData s : exporter.spans) {
            assertEquals("client_cancelled", s.getAttributes().get(AttributeKey.stringKey("error.type")), s.getName());
        }
        SpanData request = exporter.spans.stream().filter(s -> s.getName().equals("chat auto")).findFirst().orElseThrow();
        assertEquals(3L, request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")));
        assertEquals(4L, request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")));
        assertEquals("openai", request.getAttributes().get(AttributeKey.stringKey("gen_ai.system")));
    }

    @Test
    void aPoorAnswersAttemptSpanNamesItsSignalAndIsNoError() throws Exception {
        Collecting exporter = new Collecting(true);
        OtelTracing tracing = OtelTracing.create(config(1.0, 100), "test", exporter);
        RequestTrace trace = tracing.start(RequestTrace.CHAT, REQUEST, Map.of(), false);
        trace.attemptStarted(MODEL, "openai", call());
        Attempt poor = Attempt.poor("m", 3, new PoorAnswer("empty", "p", Usage.of(3, 0).withCost(0.25), 0.25, true));
        trace.attemptEnded(poor);
        trace.attemptStarted(ModelDescriptor.of("m2", "p", 1000, 100, Set.of()), "openai", call());
        trace.attemptEnded(new Attempt("m2", "ok", 200, 2));
        trace.ended(new RequestRecord("r1", 0, "auto", "fixed", "fixed", Map.of(), "m2", "p", List.of(poor, new Attempt("m2", "ok", 200, 2)),
                5, null, Usage.of(3, 4), 0.5, 200, null, false, null));
        tracing.close().toCompletionStage().toCompletableFuture().get();
        SpanData first = exporter.spans.stream().filter(s -> "m".equals(s.getAttributes().get(AttributeKey.stringKey("switchboard.model"))))
                .findFirst().orElseThrow(() -> new AssertionError(exporter.spans));
        assertEquals("empty", first.getAttributes().get(AttributeKey.stringKey("switchboard.poor_signal")));
        assertEquals(Boolean.TRUE, first.getAttributes().get(AttributeKey.booleanKey("switchboard.escalated")));
        assertEquals("poor", first.getAttributes().get(AttributeKey.stringKey("switchboard.outcome")));
        assertNotEquals(io.opentelemetry.api.trace.StatusCode.ERROR, first.getStatus().getStatusCode(), "the model answered");
        SpanData request = exporter.spans.stream().filter(s -> s.getName().equals("chat auto")).findFirst().orElseThrow();
        assertEquals(0.75, request.getAttributes().get(AttributeKey.doubleKey("switchboard.cost_usd")), 1e-12, "both calls' cost");
    }

    @Test
    void anUnsampledTraceExportsNothingButStillPropagates() throws Exception {
        Collecting exporter = new Collecting(true);
        OtelTracing tracing = OtelTracing.create(config(0.0, 100), "test", exporter);
        RequestTrace trace = tracing.start(RequestTrace.CHAT, REQUEST, Map.of(), false);
        String traceparent = trace.attemptStarted(MODEL, "openai", call()).headers().get("traceparent");
        int flags = Integer.parseInt(traceparent.substring(traceparent.length() - 2), 16);
        assertEquals(0, flags & 1, "the sampled flag is off: " + traceparent);
        trace.attemptEnded(new Attempt("m", "ok", 200, 1));
        trace.ended(record(200, null));
        tracing.close().toCompletionStage().toCompletableFuture().get();
        assertEquals(0, exporter.spans.size());
        assertEquals(0, tracing.stats().dropped());
    }

    @Test
    void spansBeyondTheQueueAreDroppedAndCounted() throws Exception {
        OtelTracing tracing = OtelTracing.create(config(1.0, 2), "test", new Collecting(false));
        for (int i = 0; i < 5; i++) {
            RequestTrace trace = tracing.start(RequestTrace.CHAT, REQUEST, Map.of(), false);
            trace.ended(record(200, null));
        }
        assertEquals(3, tracing.stats().dropped(), "two spans wait for the collector, the rest are dropped: " + tracing.stats());
        assertNotEquals(0, tracing.stats().dropped());
        tracing.close().toCompletionStage().toCompletableFuture().get();
    }
}
