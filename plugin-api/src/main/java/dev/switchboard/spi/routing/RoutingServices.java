package dev.switchboard.spi.routing;

import dev.switchboard.spi.Experimental;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * What the engine does for an {@link AsyncRouter} while it decides one request. The engine keeps
 * doing all I/O: a router opens no HTTP client of its own. The futures complete on the event loop
 * that called {@link AsyncRouter#routeAsync}.
 */
@Experimental("asynchronous routers and engine services are new in SPI 1.0")
public interface RoutingServices {

    /**
     * Asks a catalog model or a route for a (non-streaming) completion through the engine's normal
     * attempt loop: breakers, fallbacks, timeouts, the caller's key limits. Its tokens and cost are
     * recorded as the routing cost of the request being routed, apart from the answer's cost.
     *
     * @param modelOrRoute a catalog model id or a route name; it replaces {@code request.model()}
     * @param request      the request to send: its {@link ChatRequest#body()} is the OpenAI chat request sent
     *                     (with {@code model} replaced and without {@code stream}: the call never streams)
     * @return the answer; fails like any request would (unknown model, every candidate failed), and
     *         when {@code modelOrRoute} is a route that is already deciding this request (recursion),
     *         or when the body is not a valid chat request
     */
    Future<ChatResponse> complete(String modelOrRoute, ChatRequest request);

    /**
     * Runs CPU-heavy or blocking work on the engine's bounded routing worker pool.
     *
     * @param work the work; its exception fails the future
     * @return its result; fails at once when the pool's queue is full
     */
    <T> Future<T> executeBlocking(Callable<T> work);

    /** A cache shared by every router: local on one node, cluster-wide when clustered. */
    RoutingCache cache();

    /** Statistics the engine keeps per model and per route. */
    RoutingStats stats();
}
