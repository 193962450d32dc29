package dev.switchboard.engine.tracing.impl;

import static dev.switchboard.engine.tracing.impl.SpanAttributes.*;

import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.pipeline.RequestTrace;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The spans of one request: the request span (kind SERVER, a child of the caller's
 * {@code traceparent} when it sent one), the routing span and one CLIENT span per upstream attempt,
 * each a child of the request span. Used on the request's event loop only, one event at a time.
 */
final class OtelRequestTrace implements RequestTrace {
    private static final String OK = "ok";

    private final Tracer tracer;
    private final Span span;
    private final Context context;
    private final String operation;
    private long routingStart;
    private Span attempt;
    private String attemptSystem;
    private String attemptModel;
    private String servedSystem;
    private int attempts;

    OtelRequestTrace(Tracer tracer, Context parent, String operation, String model, Map<String, String> metadata, boolean stream,
                     SpanKind kind) {
        this.tracer = tracer;
        this.operation = operation;
        this.span = tracer.spanBuilder(operation + " " + model).setParent(parent).setSpanKind(kind)
                .setAttribute(GEN_AI_OPERATION, operation).setAttribute(STREAM, stream).startSpan();
        put(span, GEN_AI_REQUEST_MODEL, model);
        put(span, REQUEST_ID, metadata.get("x-request-id"));
        this.context = Context.root().with(span);
    }

    @Override
    public void routingStarted() {
        routingStart = Clock.getDefault().now();
    }

    @Override
    public void routed(RoutePlan plan) {
        Span routing = routingSpan();
        if (routing.isRecording()) {
            describe(routing, plan);
            routing.setAttribute(CANDIDATES, plan.candidates().stream().map(ModelDescriptor::id).toList());
            put(routing, REASON, plan.reason());
        }
        describe(span, plan);
        routing.end();
    }

    @Override
    public void routingFailed(Throwable error) {
        Span routing = routingSpan();
        failed(routing, ErrorMapper.toApi(error).code());
        routing.end();
    }

    private Span routingSpan() {
        var builder = tracer.spanBuilder("route").setParent(context).setSpanKind(SpanKind.INTERNAL);
        if (routingStart != 0) {
            builder.setStartTimestamp(routingStart, TimeUnit.NANOSECONDS);
        }
        return builder.startSpan();
    }

    @Override
    public UpstreamRequest attemptStarted(ModelDescriptor model, String providerType, UpstreamRequest call) {
        if (attempt != null) {
            attempt.end(); // not told how it ended; never left open
        }
        attempts++;
        attemptSystem = providerType;
        attemptModel = model.upstreamModel();
        attempt = tracer.spanBuilder(operation + " " + model.upstreamModel()).setParent(context).setSpanKind(SpanKind.CLIENT)
                .setAttribute(GEN_AI_OPERATION, operation).setAttribute(GEN_AI_REQUEST_MODEL, model.upstreamModel())
                .setAttribute(MODEL, model.id()).setAttribute(PROVIDER, model.provider()).setAttribute(ATTEMPT, (long) attempts)
                .startSpan();
        put(attempt, GEN_AI_SYSTEM, providerType);
        // a copy: the adapter's headers may be a map it reuses
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(call.headers());
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(attempt), headers, MultiMap::set);
        return new UpstreamRequest(call.method(), call.url(), headers, call.body());
    }

    @Override
    public void attemptEnded(Attempt outcome) {
        if (attempt == null) {
            return;
        }
        attemptServing(outcome);
        attempt.end();
        attempt = null;
    }

    @Override
    public void attemptServing(Attempt outcome) {
        if (attempt == null) {
            return;
        }
        attempt.setAttribute(OUTCOME, outcome.outcome());
        if (outcome.status() > 0) {
            attempt.setAttribute(HTTP_STATUS, (long) outcome.status());
        }
        if (outcome.poor() != null) {
            // it answered: not an error, and the served model when it was served as it is
            attempt.setAttribute(POOR_SIGNAL, outcome.poor().signal());
            attempt.setAttribute(ESCALATED, outcome.poor().escalated());
            if (!outcome.poor().escalated()) {
                servedSystem = attemptSystem;
            }
            attempt.setAttribute(GEN_AI_RESPONSE_MODEL, attemptModel);
        } else if (OK.equals(outcome.outcome())) {
            servedSystem = attemptSystem;
            attempt.setAttribute(GEN_AI_RESPONSE_MODEL, attemptModel);
        } else {
            failed(attempt, outcome.outcome());
        }
    }

    @Override
    public void ended(RequestRecord r) {
        boolean ok = r.status() == 200;
        if (attempt != null) {
            // the stream's serving attempt lasts as long as the stream
            if (!ok) {
                failed(attempt, r.errorCode());
            }
            attempt.end();
            attempt = null;
        }
        if (span.isRecording()) {
            describe(span, r);
        }
        if (!ok) {
            span.setAttribute(ERROR_TYPE, r.errorCode() == null ? Integer.toString(r.status()) : r.errorCode());
            // a server fault; a client's mistake or departure (4xx, 499 client_cancelled) is not one (HTTP server span rules)
            if (r.status() >= 500) {
                span.setStatus(StatusCode.ERROR, r.errorCode() == null ? "" : r.errorCode());
            }
        }
        span.end();
    }

    private void describe(Span s, RequestRecord r) {
        put(s, ROUTE, r.route());
        put(s, ROUTER, r.router());
        labels(s, r.labels());
        put(s, GEN_AI_RESPONSE_MODEL, r.model());
        put(s, PROVIDER, r.provider());
        put(s, GEN_AI_SYSTEM, r.model() == null ? null : servedSystem);
        Usage u = r.usage();
        if (u != null) {
            s.setAttribute(GEN_AI_INPUT_TOKENS, (long) u.promptTokens());
            s.setAttribute(GEN_AI_OUTPUT_TOKENS, (long) u.completionTokens());
        }
        Double cost = r.totalCost();   // the request's: poor answers escalated from included
        if (cost != null) {
            s.setAttribute(COST, cost);
        }
        s.setAttribute(ATTEMPTS, (long) r.attempts().size());
        s.setAttribute(FALLBACKS, r.fallbacks());
        s.setAttribute(RETRIES, r.retries());
        s.setAttribute(STATUS, (long) r.status());
        if (r.firstTokenMs() != null) {
            s.setAttribute(FIRST_TOKEN_MS, r.firstTokenMs());
        }
        put(s, KEY_NAME, r.keyName());
    }

    private static void describe(Span s, RoutePlan plan) {
        put(s, ROUTE, plan.route());
        put(s, ROUTER, plan.router());
        labels(s, plan.labels());
    }

    private static void labels(Span s, Map<String, String> labels) {
        labels.forEach((k, v) -> put(s, switch (k) {
            case "category" -> CATEGORY;
            case "tier" -> TIER;
            default -> AttributeKey.stringKey(LABEL_PREFIX + k);
        }, v));
    }

    private static void failed(Span s, String errorType) {
        if (errorType != null) {
            s.setAttribute(ERROR_TYPE, errorType);
        }
        s.setStatus(StatusCode.ERROR, errorType == null ? "" : errorType);
    }

    private static void put(Span s, AttributeKey<String> key, String value) {
        if (value != null) {
            s.setAttribute(key, value);
        }
    }
}
