package dev.switchboard.plugins.router.llmclassifier;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.routing.RoutingCache;
import dev.switchboard.spi.routing.RoutingServices;
import dev.switchboard.spi.routing.RoutingStats;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The engine's services as a router sees them: completions answered by a script, an in-memory cache. */
final class FakeRoutingServices implements RoutingServices {
    /** What {@link #complete} was asked: the model or route, and the request. */
    record Call(String modelOrRoute, ChatRequest request) {
    }

    final List<Call> calls = new ArrayList<>();
    final Map<String, String> cached = new ConcurrentHashMap<>();
    final Map<String, Long> ttls = new ConcurrentHashMap<>();
    private final Function<ChatRequest, Future<ChatResponse>> script;

    FakeRoutingServices(Function<ChatRequest, Future<ChatResponse>> script) {
        this.script = script;
    }

    /** Services whose classifier always answers {@code content}. */
    static FakeRoutingServices answering(String content) {
        return new FakeRoutingServices(r -> Future.succeededFuture(answer(content)));
    }

    static ChatResponse answer(String content) {
        return new ChatResponse("chatcmpl-1", "classify", 0, List.of(ChatResponse.Choice.text(0, content, "stop")),
                Usage.of(40, 6), null);
    }

    /** The last classification request sent. */
    ChatRequest last() {
        return calls.get(calls.size() - 1).request();
    }

    @Override
    public Future<ChatResponse> complete(String modelOrRoute, ChatRequest request) {
        calls.add(new Call(modelOrRoute, request));
        return script.apply(request);
    }

    @Override
    public <T> Future<T> executeBlocking(Callable<T> work) {
        try {
            return Future.succeededFuture(work.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    public RoutingCache cache() {
        return new RoutingCache() {
            @Override
            public Future<String> get(String key) {
                return Future.succeededFuture(cached.get(key));
            }

            @Override
            public Future<Void> put(String key, String value, long ttlMs) {
                cached.put(key, value);
                ttls.put(key, ttlMs);
                return Future.succeededFuture();
            }
        };
    }

    @Override
    public RoutingStats stats() {
        throw new UnsupportedOperationException("the llm-classifier router reads no statistics");
    }
}
