package dev.switchboard.engine.routing;

import dev.switchboard.spi.routing.RoutingStats;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The node's routing services for blocking and asynchronous routers: the worker pool, the shared
 * cache and the statistics. {@link #session} gives each request that needs them its own view.
 *
 * @param vertx   the node's Vert.x (timers, contexts)
 * @param workers the bounded routing worker pool
 * @param cache   the shared cache
 * @param stats   the engine's statistics per model and route
 */
public record RoutingEngine(Vertx vertx, RoutingWorkers workers, SharedRoutingCache cache, RoutingStats stats) {

    /**
     * The routing of one request.
     *
     * @param calls how the request's routers reach the engine for completions
     * @param chain the routes already deciding, outermost first: empty for a client's request, else
     *              the routes whose routers asked for this one ({@code RoutingServices.complete})
     */
    public RoutingSession session(RoutingCalls calls, List<String> chain) {
        return new RoutingSession(this, calls, chain);
    }
}
