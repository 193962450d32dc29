package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.engine.resilience.FallbackExecutor;
import dev.switchboard.engine.resilience.Served;
import dev.switchboard.engine.resilience.StreamRun;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pipeline both front doors (HTTP and event bus) call: plan, then execute with fallback.
 * Thread-safe; the routing table is swapped atomically on config changes.
 */
public final class ChatService {
    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());

    private final AtomicReference<RoutingTable> table;
    private final Planner planner;
    private final FallbackExecutor executor;
    private final BreakerRegistry breakers;

    public ChatService(RoutingTable table, Planner planner, FallbackExecutor executor, BreakerRegistry breakers) {
        this.table = new AtomicReference<>(table);
        this.configured = table;
        this.planner = planner;
        this.executor = executor;
        this.breakers = breakers;
    }

    private volatile RoutingTable configured;
    private volatile java.util.function.Function<RoutingTable, Future<RoutingTable>> discovery = Future::succeededFuture;

    /** Sets how provider models are discovered (Ollama {@code /api/tags}); used by {@link #refreshModels()}. */
    public void discovery(java.util.function.Function<RoutingTable, Future<RoutingTable>> discover) {
        this.discovery = discover;
    }

    /**
     * Re-runs model discovery on the configured table and swaps the result in
     * ({@code POST /v1/models/refresh}): models that disappeared upstream leave the catalog.
     */
    public Future<RoutingTable> refreshModels() {
        RoutingTable base = configured;
        return discovery.apply(base).onSuccess(this::swap);
    }

    /** The per-model circuit breakers. */
    public BreakerRegistry breakers() {
        return breakers;
    }

    /** The current routing table. */
    public RoutingTable table() {
        return table.get();
    }

    /** Replaces the routing table (config reload, admin change). */
    public void swap(RoutingTable next) {
        table.set(next);
    }

    /** Plans a request without calling any upstream ({@code POST /v1/route}). */
    public RoutePlan plan(ChatRequest request, Map<String, String> metadata) {
        RoutePlan plan = planner.plan(table.get(), request, metadata);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("route " + request.model() + " -> " + plan.candidates().get(0).id() + " (" + plan.reason() + ")");
        }
        return plan;
    }

    /** Serves a non-streaming request. */
    public Future<ChatResult> complete(ChatRequest request, Map<String, String> metadata) {
        RoutingTable t = table.get();
        RoutePlan plan;
        try {
            plan = plan(request, metadata);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return executor.complete(t, request, plan).map(served -> ChatResult.of(plan, served));
    }

    /** Starts a streaming request planned with {@link #plan}. */
    public StreamRun stream(ChatRequest request, RoutePlan plan, StreamSink sink) {
        return executor.stream(table.get(), request, plan, sink);
    }

    /**
     * A served non-streaming request.
     *
     * @param plan     the routing plan
     * @param served   the response and the model that served it
     * @param response the response with cost added to its usage
     * @param cost     USD cost, or null when unknown
     */
    public record ChatResult(RoutePlan plan, Served<ChatResponse> served, ChatResponse response, Double cost) {
        static ChatResult of(RoutePlan plan, Served<ChatResponse> served) {
            ChatResponse r = served.value();
            Usage usage = r.usage();
            Double cost = Pricing.cost(served.model(), usage);
            return new ChatResult(plan, served, usage == null ? r : r.withUsage(usage.withCost(cost)), cost);
        }
    }
}
