package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.cost.Pricing;
import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.resilience.ChatOperation;
import dev.switchboard.engine.resilience.ClientCancelledException;
import dev.switchboard.engine.resilience.FallbackExecutor;
import dev.switchboard.engine.resilience.PoorAnswer;
import dev.switchboard.engine.resilience.Served;
import dev.switchboard.engine.resilience.StreamHandle;
import dev.switchboard.engine.resilience.StreamRun;
import dev.switchboard.engine.routing.RoutingCalls;
import dev.switchboard.engine.routing.RoutingEngine;
import dev.switchboard.engine.routing.RoutingReport;
import dev.switchboard.engine.routing.RoutingSession;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.NativeRequest;
import io.vertx.core.Future;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.AttemptsFailedException;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import dev.switchboard.engine.resilience.UpstreamOperation;
import dev.switchboard.spi.model.Capability;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pipeline both front doors (HTTP and event bus) call: plan, then execute with fallback.
 * Thread-safe; the routing table is swapped atomically on config changes.
 */
public final class ChatService {
    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());

    /** Metadata key of the request id (the {@code x-request-id} header, or one generated). */
    public static final String REQUEST_ID = "x-request-id";
    /** Metadata key of the authenticated API key's name (set by the gate). */
    public static final String KEY_NAME = "key-name";
    /** Metadata key set (by the gate) when routes should prefer their cheapest candidates: the key passed its budget share. */
    public static final String PREFER_CHEAPER = "prefer-cheaper";

    private final AtomicReference<RoutingTable> table;
    private volatile RoutingTable configured;
    private final Planner planner;
    private final FallbackExecutor executor;
    private final BreakerRegistry breakers;
    private final RoutingEngine routing;
    private final ClientGate gate;
    private final RequestTracer tracing;
    private final Function<RoutingTable, Future<RoutingTable>> discovery;
    private final List<RequestObserver> observers;

    /**
     * What the pipeline works with, all given at construction (nothing is set later, so a request
     * never sees a half-wired service).
     *
     * @param planner   plans a request: routes, routers, capability filter
     * @param executor  the attempt loop: retries, fallbacks, breakers, cancellation
     * @param breakers  the per-model circuit breakers
     * @param routing   the worker pool, cache and stats of blocking and asynchronous routers
     * @param gate      the gate (keys and limits) client requests pass
     * @param tracing   traces every request ({@link RequestTracer#OFF} for none)
     * @param discovery how provider models are discovered (Ollama {@code /api/tags}) for {@link #refreshModels()};
     *                  {@code Future::succeededFuture} for none
     * @param observers told about every request, in this order (metrics, stats, decision log, spend)
     */
    public record Dependencies(Planner planner, FallbackExecutor executor, BreakerRegistry breakers, RoutingEngine routing,
                               ClientGate gate, RequestTracer tracing, Function<RoutingTable, Future<RoutingTable>> discovery,
                               List<RequestObserver> observers) {
        public Dependencies {
            Objects.requireNonNull(planner, "planner");
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(breakers, "breakers");
            Objects.requireNonNull(routing, "routing");
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(tracing, "tracing");
            Objects.requireNonNull(discovery, "discovery");
            observers = List.copyOf(observers);
        }
    }

    /**
     * @param table        the routing table to serve with until {@link #refreshModels()} or {@link #reconfigure} swap another
     * @param dependencies the collaborators
     */
    public ChatService(RoutingTable table, Dependencies dependencies) {
        this.table = new AtomicReference<>(table);
        this.configured = table;
        this.planner = dependencies.planner();
        this.executor = dependencies.executor();
        this.breakers = dependencies.breakers();
        this.routing = dependencies.routing();
        this.gate = dependencies.gate();
        this.tracing = dependencies.tracing();
        this.discovery = dependencies.discovery();
        this.observers = dependencies.observers();
    }

    /**
     * Re-runs model discovery on the configured table and swaps the result in
     * ({@code POST /v1/models/refresh}): models that disappeared upstream leave the catalog.
     */
    public Future<RoutingTable> refreshModels() {
        RoutingTable base = configured;
        return discovery.apply(base).onSuccess(this::swap);
    }

    /** Replaces the configured table (admin change, reload), re-runs discovery on it and swaps it in. */
    public Future<RoutingTable> reconfigure(RoutingTable next) {
        configured = next;
        return refreshModels();
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

    /**
     * Plans a request without calling any upstream ({@code POST /v1/route}), token estimates exact;
     * a blocking or asynchronous router is run too (with the routing calls it makes).
     */
    public Future<RoutePlan> explain(ChatRequest request, Map<String, String> metadata) {
        RoutingTable t = table.get();
        RoutePlan plan;
        try {
            plan = planner.plan(t, request, metadata, true, null);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return plan != null ? Future.succeededFuture(plan) : planLater(t, request, metadata, true, null, List.of());
    }

    /** The plan when every router on the way is pure, else null (then {@link #planLater}). */
    private RoutePlan plan(RoutingTable t, ChatRequest request, Map<String, String> metadata, Capability need) {
        RoutePlan plan = planner.plan(t, request, metadata, false, need);
        if (plan != null && LOG.isLoggable(Level.FINE)) {
            LOG.fine("route " + request.model() + " -> " + plan.candidates().get(0).id() + " (" + plan.reason() + ")");
        }
        return plan;
    }

    /**
     * Plans with blocking or asynchronous routers; their routing calls are requests of the same
     * caller, with this request's id and {@code .routing-<n>}.
     *
     * @param chain the routes already deciding (a routing call's own planning), outermost first
     */
    private Future<RoutePlan> planLater(RoutingTable t, ChatRequest request, Map<String, String> metadata, boolean explain,
                                        Capability need, List<String> chain) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        RoutingSession session = routing.session((req, asking) -> {
            Map<String, String> meta = new java.util.HashMap<>(metadata);
            meta.put(REQUEST_ID, metadata.get(REQUEST_ID) + ".routing-" + calls.incrementAndGet());
            return call(req, null, meta, new ChatOperation(req, null), (r, plan) -> r.usage(), new Cancellation(), asking)
                    .map(c -> new RoutingCalls.Answer(ChatResult.of(c).response(), PoorAnswer.totalUsage(c.usage(), c.served().attempts()),
                            c.cost()));
        }, chain);
        return planner.planLater(t, request, metadata, explain, need, session);
    }

    /** The gate client requests pass. */
    public ClientGate gate() {
        return gate;
    }

    /** Serves a non-streaming request whose client cannot go away unseen. */
    public Future<ChatResult> complete(ChatRequest request, Map<String, String> metadata) {
        return complete(request, null, metadata, new Cancellation());
    }

    /**
     * Serves a non-streaming request; {@code cancellation} aborts it when the client goes away
     * (recorded as {@value ClientCancelledException#STATUS} {@value ClientCancelledException#CODE}).
     */
    public Future<ChatResult> complete(ChatRequest request, Map<String, String> metadata, Cancellation cancellation) {
        return complete(request, null, metadata, cancellation);
    }

    /**
     * Serves a non-streaming request of a front door with its own wire API (e.g. Anthropic
     * Messages): {@code request} is its canonical translation, which routing, limits and every
     * translating provider use; a model whose adapter speaks the API natively is sent
     * {@code nativeRequest} instead, and {@link ChatResult#wire()} holds its answer's bytes.
     *
     * @param nativeRequest the client's request in its own API, or null
     * @param cancellation  aborts the request when the client goes away
     */
    public Future<ChatResult> complete(ChatRequest request, NativeRequest nativeRequest, Map<String, String> metadata,
                                       Cancellation cancellation) {
        return call(request, null, metadata, new ChatOperation(request, nativeRequest), (r, plan) -> r.usage(), cancellation)
                .map(ChatResult::of);
    }

    /**
     * Serves a non-streaming request of any kind through the one pipeline: plan (routes, routers,
     * capability filter), the attempt loop (retries, fallbacks, breakers, client-gone cancellation),
     * then usage, cost and the observers (decision log, metrics, spend). Front doors with their own
     * API shape (embeddings, Responses, Messages) translate their request to the {@code routing}
     * view, supply the operation, and translate the {@link CallResult} back.
     *
     * @param routing      the request as the planner and the routers see it
     * @param need         the capability candidates must have, or null for chat
     * @param op           how the upstream call is built and its answer read
     * @param usageOf      the usage of an answer (the plan gives estimates where the upstream reports none), or null
     * @param cancellation aborts the request when the client goes away
     */
    public <T> Future<CallResult<T>> call(ChatRequest routing, Capability need, Map<String, String> metadata, UpstreamOperation<T> op,
                                         BiFunction<T, RoutePlan, Usage> usageOf, Cancellation cancellation) {
        return call(routing, need, metadata, op, usageOf, cancellation, List.of());
    }

    private <T> Future<CallResult<T>> call(ChatRequest routing, Capability need, Map<String, String> metadata, UpstreamOperation<T> op,
                                          BiFunction<T, RoutePlan, Usage> usageOf, Cancellation cancellation, List<String> chain) {
        long t0 = System.currentTimeMillis();
        observers.forEach(o -> o.started(false));
        RequestTrace trace = tracing.start(need == Capability.EMBEDDINGS ? RequestTrace.EMBEDDINGS : RequestTrace.CHAT, routing, metadata, false);
        RoutingTable t = table.get();
        RoutePlan plan;
        try {
            trace.routingStarted();
            plan = plan(t, routing, metadata, need);
            if (plan != null) {
                trace.routed(plan);
            }
        } catch (RuntimeException e) {
            trace.routingFailed(e);
            notifyFailure(null, e, attemptsOf(e), t0, false, metadata, trace);
            return Future.failedFuture(e);
        }
        if (plan == null) {
            return planLater(t, routing, metadata, false, need, chain).onComplete(ar -> {
                if (ar.succeeded()) {
                    trace.routed(ar.result());
                } else {
                    trace.routingFailed(ar.cause());
                    notifyFailure(null, ar.cause(), attemptsOf(ar.cause()), t0, false, metadata, trace);
                }
            }).compose(p -> execute(t0, t, routing, p, metadata, op, usageOf, cancellation, trace));
        }
        return execute(t0, t, routing, plan, metadata, op, usageOf, cancellation, trace);
    }

    private <T> Future<CallResult<T>> execute(long t0, RoutingTable t, ChatRequest routing, RoutePlan plan, Map<String, String> metadata,
                                             UpstreamOperation<T> op, BiFunction<T, RoutePlan, Usage> usageOf, Cancellation cancellation,
                                             RequestTrace trace) {
        // the answer is released once the observers have settled (a key's spend counted: see RequestObserver.settle)
        return executor.call(t, routing, plan, op, cancellation, trace).map(served -> CallResult.of(plan, served, usageOf.apply(served.value(), plan)))
                .compose(r -> notify(new RequestRecord(metadata.get(REQUEST_ID), t0, plan.route(), plan.router(), plan.reason(),
                        plan.labels(), r.served().model().id(), r.served().model().provider(), r.served().attempts(),
                        System.currentTimeMillis() - t0, null, r.usage(), r.usage() == null ? null : r.usage().cost(), 200, null, false,
                        metadata.get(KEY_NAME),
                        report(plan)), trace)
                        .map(r))
                .onFailure(e -> {
                    if (e instanceof ClientCancelledException c) {
                        notifyCancelled(plan, c, null, 0, t0, null, false, metadata, trace);
                    } else {
                        notifyFailure(plan, e, attemptsOf(e), t0, false, metadata, trace);
                    }
                });
    }

    /**
     * Plans and starts a streaming request; throws (nothing sent) when it cannot be planned.
     *
     * @param sinks builds the sink once the plan is known (it writes the routing headers)
     */
    public StreamHandle stream(ChatRequest request, Map<String, String> metadata, Function<RoutePlan, StreamSink> sinks) {
        return stream(request, null, metadata, sinks);
    }

    /**
     * As {@link #stream(ChatRequest, Map, Function)} for a front door with its own wire API: a
     * model whose adapter speaks it natively streams its upstream bytes to the sink
     * ({@link StreamSink#wire}); any other model streams canonical chunks.
     *
     * @param nativeRequest the client's request in its own API, or null
     */
    public StreamHandle stream(ChatRequest request, NativeRequest nativeRequest, Map<String, String> metadata,
                            Function<RoutePlan, StreamSink> sinks) {
        return stream(request, metadata, sinks, new ChatOperation(request, nativeRequest));
    }

    /**
     * As {@link #stream(ChatRequest, Map, Function)} with the streaming call of another front door
     * (e.g. the Responses API reaching providers that have it).
     */
    public StreamHandle stream(ChatRequest request, Map<String, String> metadata, Function<RoutePlan, StreamSink> sinks,
                               dev.switchboard.engine.resilience.StreamOperation op) {
        long t0 = System.currentTimeMillis();
        observers.forEach(o -> o.started(true));
        RequestTrace trace = tracing.start(RequestTrace.CHAT, request, metadata, true);
        RoutingTable t = table.get();
        RoutePlan plan;
        try {
            trace.routingStarted();
            plan = plan(t, request, metadata, null);
            if (plan != null) {
                trace.routed(plan);
            }
        } catch (RuntimeException e) {
            trace.routingFailed(e);
            notifyFailure(null, e, attemptsOf(e), t0, true, metadata, trace);
            throw e;
        }
        if (plan == null) {
            DeferredStream later = new DeferredStream();
            planLater(t, request, metadata, false, null, List.of()).onComplete(ar -> {
                if (ar.succeeded()) {
                    trace.routed(ar.result());
                    later.follow(stream(t0, t, request, ar.result(), metadata, sinks, op, trace));
                } else {
                    trace.routingFailed(ar.cause());
                    notifyFailure(null, ar.cause(), attemptsOf(ar.cause()), t0, true, metadata, trace);
                    later.fail(ar.cause());
                }
            });
            return later;
        }
        return stream(t0, t, request, plan, metadata, sinks, op, trace);
    }

    private StreamRun stream(long t0, RoutingTable t, ChatRequest request, RoutePlan plan, Map<String, String> metadata,
                             Function<RoutePlan, StreamSink> sinks, dev.switchboard.engine.resilience.StreamOperation op,
                             RequestTrace trace) {
        StreamRun run = executor.stream(t, request, plan, sinks.apply(plan), op, trace);
        run.finished().onComplete(ar -> {
            ModelDescriptor m = run.servedModel();
            Long ttft = run.firstTokenAt() == 0 ? null : run.firstTokenAt() - t0;
            if (ar.failed() && ar.cause() instanceof ClientCancelledException c) {
                notifyCancelled(plan, c, run.lastUsage(), run.charsSent(), t0, ttft, true, metadata, trace);
            } else if (ar.succeeded() || m != null) {
                Usage u = run.lastUsage();
                ApiException err = ar.failed() ? ErrorMapper.toApi(ar.cause()) : null;
                notify(new RequestRecord(metadata.get(REQUEST_ID), t0, plan.route(), plan.router(), plan.reason(), plan.labels(),
                        m.id(), m.provider(), run.attemptsSnapshot(), System.currentTimeMillis() - t0, ttft, u,
                        u == null ? null : u.cost(), err == null ? 200 : err.status(), err == null ? null : "stream_interrupted",
                        true, metadata.get(KEY_NAME), report(plan)), trace);
            } else {
                notifyFailure(plan, ar.cause(), run.attemptsSnapshot(), t0, true, metadata, trace);
            }
        });
        return run;
    }

    /**
     * Records a request whose client went away: charged to the model whose call was in flight (or
     * served), with the usage the upstream reported, else an estimate: the prompt's estimated
     * tokens plus {@value #CHARS_PER_TOKEN} characters per token of the text sent so far.
     */
    private void notifyCancelled(RoutePlan plan, ClientCancelledException c, Usage reported, long charsSent, long t0, Long ttft,
                                 boolean stream, Map<String, String> meta, RequestTrace trace) {
        ModelDescriptor m = c.model();
        Usage u = reported != null || m == null ? reported
                : Usage.of(plan.features().estimatedInputTokens(), (int) Math.min(Integer.MAX_VALUE, (charsSent + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN));
        Double cost = m == null || u == null ? null : u.cost() != null ? u.cost() : Pricing.cost(m, u);
        notify(new RequestRecord(meta.get(REQUEST_ID), t0, plan.route(), plan.router(), plan.reason(), plan.labels(),
                m == null ? null : m.id(), m == null ? null : m.provider(), c.attempts(), System.currentTimeMillis() - t0, ttft, u, cost,
                ClientCancelledException.STATUS, ClientCancelledException.CODE, stream, meta.get(KEY_NAME), report(plan)), trace);
    }

    /** Characters per token when estimating the tokens of text sent to a client that left before the usage came. */
    static final int CHARS_PER_TOKEN = 4;

    private static List<Attempt> attemptsOf(Throwable e) {
        return e instanceof AttemptsFailedException ? ((AttemptsFailedException) e).attempts() : List.of();
    }

    private void notifyFailure(RoutePlan plan, Throwable e, List<Attempt> attempts, long t0, boolean stream, Map<String, String> meta,
                               RequestTrace trace) {
        if (observers.isEmpty() && trace == RequestTrace.NONE) {
            return;
        }
        ApiException api = ErrorMapper.toApi(e);
        notify(new RequestRecord(meta.get(REQUEST_ID), t0, plan == null ? null : plan.route(), plan == null ? null : plan.router(),
                plan == null ? null : plan.reason(), plan == null ? Map.of() : plan.labels(), null, null, attempts,
                System.currentTimeMillis() - t0, null, null, null, api.status(), api.code(), stream, meta.get(KEY_NAME),
                plan == null ? null : report(plan)), trace);
    }

    /** The routing cost and fallback of a plan, or null for a pure router that decided itself. */
    private static RoutingReport report(RoutePlan plan) {
        return plan.routing() == null ? null : plan.routing().report();
    }

    /** Ends the request's trace and tells every observer; completes when those that keep shared books have settled (never fails). */
    private Future<Void> notify(RequestRecord record, RequestTrace trace) {
        trace.ended(record);
        List<Future<Void>> pending = null;
        for (RequestObserver o : observers) {
            try {
                Future<Void> f = o.settle(record);
                if (!f.isComplete()) {
                    if (pending == null) {
                        pending = new java.util.ArrayList<>(2);
                    }
                    pending.add(f);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request observer failed", e);
            }
        }
        return pending == null ? Future.succeededFuture() : Future.join(pending).<Void>mapEmpty().otherwiseEmpty();
    }

    /**
     * A served non-streaming request.
     *
     * @param plan     the routing plan
     * @param served   the response and the model that served it
     * @param response the response with cost added to its usage (its own: the answer's)
     * @param cost     USD cost of the request (the answer's and any poor answer's escalated from), or null when unknown
     */
    public record ChatResult(RoutePlan plan, Served<ChatResponse> served, ChatResponse response, Double cost) {
        /** The upstream's own bytes when the request was forwarded natively, else null. */
        public io.vertx.core.buffer.Buffer wire() {
            return served.wire();
        }

        static ChatResult of(CallResult<ChatResponse> c) {
            ChatResponse r = c.served().value();
            return new ChatResult(c.plan(), c.served(), c.usage() == null ? r : r.withUsage(c.usage()), c.cost());
        }
    }

    /**
     * A served non-streaming call of any kind.
     *
     * @param plan   the routing plan
     * @param served the answer and the model that served it
     * @param usage  the answer's usage with its cost, or null when unknown
     * @param cost   USD cost of the request (the answer's and any poor answer's escalated from), or null when unknown
     */
    public record CallResult<T>(RoutePlan plan, Served<T> served, Usage usage, Double cost) {
        static <T> CallResult<T> of(RoutePlan plan, Served<T> served, Usage usage) {
            Double cost = Pricing.cost(served.model(), usage);
            return new CallResult<>(plan, served, usage == null ? null : usage.withCost(cost), PoorAnswer.totalCost(cost, served.attempts()));
        }
    }
}
