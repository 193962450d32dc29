package dev.switchboard.engine.routing;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.routing.RoutingCache;
import dev.switchboard.spi.routing.RoutingServices;
import dev.switchboard.spi.routing.RoutingStats;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The routing of one request whose route has a blocking or asynchronous router: the
 * {@link RoutingServices} its routers get, and the {@link RoutingLedger} of what they spent.
 */
public final class RoutingSession {
    /** Routes deciding at once for one client request (a router asking a route whose router asks another...). */
    static final int MAX_CHAIN = 3;

    private final RoutingEngine engine;
    private final RoutingCalls calls;
    private final List<String> chain;
    private final RoutingLedger ledger = new RoutingLedger();

    RoutingSession(RoutingEngine engine, RoutingCalls calls, List<String> chain) {
        this.engine = engine;
        this.calls = calls;
        this.chain = List.copyOf(chain);
    }

    /** The node's routing services. */
    public RoutingEngine engine() {
        return engine;
    }

    /** What this request's routing spent, and whether a fallback decided. */
    public RoutingLedger ledger() {
        return ledger;
    }

    /** The services a router of {@code route} gets for this request. */
    public RoutingServices servicesFor(String route) {
        return new RouteServices(route);
    }

    /** The services of one route's router: its cache entries live under the route's name. */
    private final class RouteServices implements RoutingServices {
        private final String route;
        private final RoutingCache cache;

        RouteServices(String route) {
            this.route = route;
            this.cache = new RoutingCache() {
                @Override
                public Future<String> get(String key) {
                    return engine.cache().get(route + '/' + key);
                }

                @Override
                public Future<Void> put(String key, String value, long ttlMs) {
                    return engine.cache().put(route + '/' + key, value, ttlMs);
                }
            };
        }

        @Override
        public Future<ChatResponse> complete(String modelOrRoute, ChatRequest request) {
            if (modelOrRoute == null || request == null) {
                return Future.failedFuture(new IllegalArgumentException("complete needs a model or route and a request"));
            }
            List<String> asking = new ArrayList<>(chain);
            asking.add(route);
            if (asking.contains(modelOrRoute)) {
                return Future.failedFuture(recursion("route '" + route + "' asked route '" + modelOrRoute
                        + "', which is already deciding this request (" + String.join(" -> ", asking) + ")"));
            }
            if (asking.size() >= MAX_CHAIN) {
                return Future.failedFuture(recursion("route '" + route + "' asked route '" + modelOrRoute + "' at depth "
                        + asking.size() + " (" + String.join(" -> ", asking) + "); at most " + MAX_CHAIN + " routes may decide at once"));
            }
            ChatRequest call;
            try {
                call = forModel(request, modelOrRoute);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
            return calls.complete(call, asking).map(a -> {
                ledger.call(a.usage(), a.cost());
                return a.response();
            });
        }

        @Override
        public <T> Future<T> executeBlocking(Callable<T> work) {
            return engine.workers().submit(work);
        }

        @Override
        public RoutingCache cache() {
            return cache;
        }

        @Override
        public RoutingStats stats() {
            return engine.stats();
        }
    }

    private static ApiException recursion(String message) {
        return new ApiException(500, "server_error", "routing_recursion", "model", message
                + "; change the router's options so that it asks a catalog model or another route", null, null);
    }

    /**
     * The router's request, sent to {@code target} without streaming: its body (what every
     * OpenAI-compatible upstream is sent) parsed again, so that the typed fields match it.
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException when the body is not a valid chat request
     */
    static ChatRequest forModel(ChatRequest r, String target) {
        JsonObject body = r.bodyWithModel(target);
        body.remove("stream");
        body.remove("stream_options");
        return ChatRequestParser.parse(body);
    }
}
