package dev.switchboard.engine.http.exchange;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.error.ErrorShape;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.routing.RoutingReport;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes JSON answers, errors (OpenAI's shape, or a front door's own {@link ErrorShape}) and the
 * {@code x-switchboard-*} headers; shared by every HTTP front door (public for those in
 * sub-packages: {@code frontdoor.anthropic}, {@code http.embeddings}, {@code http.responses}).
 */
public final class Responses {
    // Header names and fixed values as pre-encoded ASCII: Vert.x writes them as bytes instead of
    // encoding a String on every response (HttpHeaders.createOptimized)
    public static final CharSequence CONTENT_TYPE = HttpHeaders.CONTENT_TYPE;
    public static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    public static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    public static final CharSequence X_MODEL = HttpHeaders.createOptimized("x-switchboard-model");
    public static final CharSequence X_ROUTE = HttpHeaders.createOptimized("x-switchboard-route");
    public static final CharSequence X_REASON = HttpHeaders.createOptimized("x-switchboard-reason");
    public static final CharSequence X_ATTEMPTS = HttpHeaders.createOptimized("x-switchboard-attempts");
    public static final CharSequence X_COST = HttpHeaders.createOptimized("x-switchboard-cost-usd");
    /** What the router's own completions cost ({@code RoutingServices.complete}), apart from {@link #X_COST}. */
    public static final CharSequence X_ROUTING_COST = HttpHeaders.createOptimized("x-switchboard-routing-cost-usd");

    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final CharSequence X_ACCEL_BUFFERING = HttpHeaders.createOptimized("x-accel-buffering");
    private static final CharSequence NO = HttpHeaders.createOptimized("no");

    private Responses() {
    }

    /** Starts a 200 Server-Sent Events response: chunked, uncached, unbuffered by proxies. */
    public static void eventStream(HttpServerResponse response) {
        response.setStatusCode(200).setChunked(true)
                .putHeader(CONTENT_TYPE, EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE)
                .putHeader(X_ACCEL_BUFFERING, NO);
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        json(ctx, status, body.toBuffer());
    }

    /** Ends the response with a JSON body, unless it already ended. */
    public static void json(RoutingContext ctx, int status, io.vertx.core.buffer.Buffer body) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status).putHeader(CONTENT_TYPE, APPLICATION_JSON).end(body);
    }

    /** Sends any failure as an OpenAI error with its status (and Retry-After when known). */
    public static void error(RoutingContext ctx, Throwable t) {
        error(ctx, t, ErrorShape.OPENAI);
    }

    /** Sends any failure in the given API's error shape, with its status (and Retry-After when known). */
    public static void error(RoutingContext ctx, Throwable t, ErrorShape shape) {
        ApiException e = ErrorMapper.toApi(t);
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed() || r.headWritten()) {
            return;
        }
        if (e.retryAfter() != null) {
            r.putHeader("retry-after", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        json(ctx, shape.status(e), shape.body(e));
    }

    /** The routing headers every chat answer carries. */
    public static void routingHeaders(HttpServerResponse r, RoutePlan plan, ModelDescriptor served, List<Attempt> attempts) {
        r.putHeader(X_MODEL, served.id());
        if (plan.route() != null) {
            r.putHeader(X_ROUTE, plan.route());
        }
        r.putHeader(X_REASON, headerSafe(plan.reason()));
        r.putHeader(X_ATTEMPTS, attempts.size() == 1 ? attempts.get(0).header()
                : attempts.stream().map(Attempt::header).collect(Collectors.joining(",")));
        if (plan.routing() != null) {
            RoutingReport routing = plan.routing().report();
            if (routing.calls() > 0) {
                r.putHeader(X_ROUTING_COST, Double.toString(routing.costUsd()));
            }
        }
    }

    /** Header values must be visible ASCII: anything else becomes '?', and length is bounded. */
    public static String headerSafe(String s) {
        int safe = 0;
        while (safe < s.length() && safe < 512 && s.charAt(safe) >= 0x20 && s.charAt(safe) < 0x7f) {
            safe++;
        }
        if (safe == s.length()) {
            return s;   // the usual case: nothing to replace, nothing to copy
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 512));
        for (int i = 0; i < s.length() && sb.length() < 512; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    /** The {@code x-switchboard-cost-usd} value. */
    public static String cost(Double usd) {
        // BigDecimal instead of String.format: same digits (8 decimals, half-up), a fraction of the cost per response
        return usd == null ? "unknown" : java.math.BigDecimal.valueOf(usd).setScale(8, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
