package dev.switchboard.spi.routing;

import dev.switchboard.spi.Experimental;
import io.vertx.core.Future;

/**
 * A router that answers later: it may ask the engine for a completion, read the shared cache or
 * statistics, or run CPU work on the routing worker pool, all through {@link RoutingServices}.
 *
 * <p>The engine calls {@link #routeAsync} on an event loop: the router must not block there. The
 * engine waits at most the route's {@code decision-timeout-ms} (default 1000); when the future
 * fails, is late, completes with null, or names no known model or route, the route's
 * {@code fallback-router} decides and {@code x-switchboard-reason} starts with
 * {@code fallback(<why>)}. Only the first completion counts. Called concurrently from every event
 * loop: it must be thread-safe.
 */
@Experimental("asynchronous routers and engine services are new in SPI 1.0")
public interface AsyncRouter extends Router {

    /**
     * Decides which models serve the request, best first, without blocking.
     *
     * @param request  the parsed request, its features and the catalog
     * @param services the engine's services for this request (completions, cache, worker pool, stats)
     * @return the decision; a failed future makes the route's fallback decide
     */
    Future<RoutingDecision> routeAsync(RoutingRequest request, RoutingServices services);

    /**
     * Not used for an asynchronous router: the engine calls {@link #routeAsync}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default RoutingDecision route(RoutingRequest request) {
        throw new UnsupportedOperationException("an AsyncRouter answers through routeAsync(request, services)");
    }
}
