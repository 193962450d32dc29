package dev.switchboard.spi.routing;

/**
 * Picks the models for one request. A router is a pure function of the request: no I/O, no
 * blocking, microseconds per call. It is called concurrently from every event loop, so it must be
 * thread-safe (immutable state is simplest).
 *
 * <p>A router that blocks or burns CPU declares it with {@link dev.switchboard.spi.RouterFactory#blocking()}
 * (the engine then calls it on its routing worker pool); one that needs I/O implements
 * {@link AsyncRouter}. When a router throws or names no known model, its route's
 * {@code fallback-router} decides.
 */
@FunctionalInterface
public interface Router {

    /**
     * Decides which models serve the request, best first.
     *
     * @param request the parsed request, its features and the catalog
     * @return the ordered candidates with the reason and labels
     */
    RoutingDecision route(RoutingRequest request);
}
