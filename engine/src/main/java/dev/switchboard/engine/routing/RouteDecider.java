package dev.switchboard.engine.routing;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.routing.AsyncRouter;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.spi.routing.RoutingServices;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks one route's router for a decision and falls back when it cannot give a usable one.
 *
 * <p>A pure router is called on the caller's thread ({@link #decideNow}): its happy path costs one
 * call and one map lookup, as before asynchronous routers existed. A blocking router runs on the
 * {@link RoutingWorkers} pool, an {@link AsyncRouter} on the event loop, both bounded by the route's
 * {@code decision-timeout-ms} ({@link #decideLater}). When the router throws, fails, is late, is
 * rejected by a full worker queue, answers null or names no known model or route, the route's
 * fallback router decides: its decision carries the label {@value #FALLBACK_LABEL} (the
 * {@link FallbackReason#tag()}) and the reason {@code fallback(<why>): <fallback>: <its reason>}.
 */
public final class RouteDecider {
    /** The decision label that says why the fallback decided. */
    public static final String FALLBACK_LABEL = "fallback";
    private static final Logger LOG = Logger.getLogger(RouteDecider.class.getName());

    /** How a router is called. */
    public enum Mode {
        /** On the caller's thread (an event loop), microseconds. */
        PURE,
        /** {@link AsyncRouter#routeAsync} on the event loop. */
        ASYNC,
        /** {@link Router#route} on the routing worker pool. */
        BLOCKING
    }

    private final String route;
    private final Router router;
    private final Mode mode;
    private final long timeoutMs;
    private final String fallbackName;
    private final Router fallback;
    private final boolean ownsFallback;

    /**
     * @param route        the route's name
     * @param router       its router
     * @param mode         how the router is called ({@link #modeOf})
     * @param timeoutMs    the route's {@code decision-timeout-ms} (unused for a pure router)
     * @param fallbackName the fallback route or router id, or null for the built-in default
     * @param fallback     the fallback router (pure), or null for the built-in default
     * @param ownsFallback whether the fallback was created for this route (a router id), so that
     *                     {@link #closeFallback()} closes it; another route's router is closed with that route
     */
    public RouteDecider(String route, Router router, Mode mode, long timeoutMs, String fallbackName, Router fallback,
                        boolean ownsFallback) {
        this.route = route;
        this.ownsFallback = ownsFallback && fallback != null;
        this.router = router;
        this.mode = mode;
        this.timeoutMs = timeoutMs;
        this.fallbackName = fallback == null ? CheapestModels.NAME : fallbackName;
        this.fallback = fallback == null ? new CheapestModels() : fallback;
    }

    /** How a router of a factory that declares {@code blocking} is called. */
    public static Mode modeOf(Router router, boolean blocking) {
        return router instanceof AsyncRouter ? Mode.ASYNC : blocking ? Mode.BLOCKING : Mode.PURE;
    }

    /** Closes the fallback router when it was created for this route (reload, shutdown). */
    public void closeFallback() {
        if (ownsFallback) {
            fallback.close();
        }
    }

    /** How this route's router is called. */
    public Mode mode() {
        return mode;
    }

    /** The route's decision timeout in milliseconds. */
    public long timeoutMs() {
        return timeoutMs;
    }

    /** The fallback's name: a route, a router id, or {@value CheapestModels#NAME}. */
    public String fallbackName() {
        return fallbackName;
    }

    /**
     * Decides with a pure router on this thread.
     *
     * @param routes the routing table's routes (names a decision may use besides catalog models)
     * @throws ApiException 500 when the fallback fails too
     */
    public RoutingDecision decideNow(RoutingRequest request, Map<String, ?> routes) {
        RoutingDecision d;
        try {
            d = router.route(request);
        } catch (RuntimeException e) {
            return fallback(request, FallbackReason.FAILED, e);
        }
        FallbackReason why = check(d, request, routes);
        return why == null ? d : fallback(request, why, null);
    }

    /**
     * Decides with a blocking or asynchronous router, within the decision timeout. Call on the
     * request's event loop; the future completes there, once, and never fails but for the
     * fallback failing too.
     *
     * @param routes   the routing table's routes
     * @param services the engine's services for this request and route
     */
    public Future<RoutingDecision> decideLater(RoutingRequest request, Map<String, ?> routes, RoutingServices services, Vertx vertx,
                                               RoutingWorkers workers) {
        Promise<RoutingDecision> decided = Promise.promise();
        Context context = vertx.getOrCreateContext();
        long timer = vertx.setTimer(timeoutMs, id -> settle(decided, -1, vertx, request, routes, null, FallbackReason.TIMEOUT));
        Future<RoutingDecision> answer;
        try {
            answer = mode == Mode.BLOCKING ? workers.submit(() -> router.route(request))
                    : ((AsyncRouter) router).routeAsync(request, services);
            if (answer == null) {
                answer = Future.failedFuture(new IllegalStateException("routeAsync returned null instead of a Future"));
            }
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        answer.onComplete(ar -> {
            if (Vertx.currentContext() == context) {
                answered(decided, timer, vertx, request, routes, ar);
            } else {
                context.runOnContext(v -> answered(decided, timer, vertx, request, routes, ar)); // back on the request's loop
            }
        });
        return decided.future();
    }

    private void answered(Promise<RoutingDecision> decided, long timer, Vertx vertx, RoutingRequest request, Map<String, ?> routes,
                          AsyncResult<RoutingDecision> ar) {
        if (ar.failed()) {
            FallbackReason why = ar.cause() instanceof RoutingWorkers.QueueFullException ? FallbackReason.REJECTED : FallbackReason.FAILED;
            settle(decided, timer, vertx, request, routes, ar.cause(), why);
        } else {
            settle(decided, timer, vertx, request, routes, null, check(ar.result(), request, routes), ar.result());
        }
    }

    private void settle(Promise<RoutingDecision> decided, long timer, Vertx vertx, RoutingRequest request, Map<String, ?> routes,
                        Throwable cause, FallbackReason why) {
        settle(decided, timer, vertx, request, routes, cause, why, null);
    }

    /** Completes the decision once: the router's when {@code why} is null, else the fallback's; later calls are ignored. */
    private void settle(Promise<RoutingDecision> decided, long timer, Vertx vertx, RoutingRequest request, Map<String, ?> routes,
                        Throwable cause, FallbackReason why, RoutingDecision own) {
        if (decided.future().isComplete()) {
            LOG.fine(() -> "route '" + route + "': the router answered after its decision was taken; ignored");
            return;
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            decided.complete(why == null ? own : fallback(request, why, cause));
        } catch (ApiException e) {
            decided.fail(e);
        }
    }

    /** Why the fallback took {@code decision}, or null when its route's router did (one map lookup). */
    public static FallbackReason fallbackOf(RoutingDecision decision) {
        String tag = decision.labels().get(FALLBACK_LABEL);
        if (tag != null && decision.reason().startsWith("fallback(")) {
            for (FallbackReason r : FallbackReason.values()) {
                if (r.tag().equals(tag)) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Why a decision cannot be used, or null when it can: at least one name is a catalog model or a route. */
    static FallbackReason check(RoutingDecision d, RoutingRequest request, Map<String, ?> routes) {
        if (d == null) {
            return FallbackReason.EMPTY;
        }
        java.util.List<String> models = d.models();
        for (int i = 0; i < models.size(); i++) {   // indexed: no iterator on a pure router's path
            String m = models.get(i);
            if (request.catalog().containsKey(m) || routes.containsKey(m)) {
                return null;
            }
        }
        return FallbackReason.UNKNOWN_MODEL;
    }

    private RoutingDecision fallback(RoutingRequest request, FallbackReason why, Throwable cause) {
        String what = switch (why) {
            case TIMEOUT -> "did not decide within decision-timeout-ms " + timeoutMs + " ms";
            case REJECTED -> "was not run: " + (cause == null ? "worker queue full" : cause.getMessage());
            case EMPTY -> "answered no decision";
            case UNKNOWN_MODEL -> "named no known model or route";
            case FAILED -> "failed: " + cause;
        };
        LOG.log(why == FallbackReason.FAILED ? Level.WARNING : Level.INFO, "route '" + route + "': router " + what + "; fallback '"
                + fallbackName + "' decides", why == FallbackReason.FAILED ? cause : null);
        RoutingDecision d;
        try {
            d = java.util.Objects.requireNonNull(fallback.route(request), "the fallback answered no decision");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "route '" + route + "': fallback '" + fallbackName + "' failed too", e);
            throw new ApiException(500, "server_error", "router_failed", null, "route '" + route + "': router " + what
                    + ", and its fallback '" + fallbackName + "' failed too: " + e, null, null);
        }
        Map<String, String> labels = new HashMap<>(d.labels());
        labels.put(FALLBACK_LABEL, why.tag());
        return new RoutingDecision(d.models(), "fallback(" + why.tag() + "): " + fallbackName + ": " + d.reason(), labels);
    }
}
