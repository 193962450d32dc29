package dev.switchboard.engine.resilience;

import dev.switchboard.engine.cluster.ClusterGuard;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One circuit breaker per catalog model, shared by every node of a cluster.
 *
 * <p>Each node counts consecutive transient failures with a Vert.x {@code CircuitBreaker}
 * ({@link ModelBreaker}). When a model opens anywhere, the transition is published on
 * {@value #ADDRESS} (cluster-wide when clustered) and kept in the shared map {@value #MAP} until it
 * reopens, so every node, including one that joins later, holds the model open until the same
 * time. Then exactly one node wins the trial lease (a shared-map entry with a TTL) and sends the one
 * trial request; the others keep failing over until its result is published: success closes the
 * model everywhere, failure reopens it everywhere. On a single node the shared map and event bus
 * are local and the same logic applies.
 */
public final class BreakerRegistry {
    /** Event-bus address of transitions: {@code {"model","from","to","reason","reopens_at","node"}}. */
    public static final String ADDRESS = "switchboard.breaker";
    /** Shared map of open models: model to {@code {"reopens_at","reason","node"}}. */
    public static final String MAP = "switchboard.breakers";
    private static final Logger LOG = Logger.getLogger(BreakerRegistry.class.getName());

    final Vertx vertx;
    final String nodeId = UUID.randomUUID().toString();
    private final Function<String, ResilienceSettings> settings;
    private final ClusterGuard guard;
    private final Map<String, ModelBreaker> breakers = new ConcurrentHashMap<>();
    private volatile AsyncMap<String, JsonObject> shared;
    private MessageConsumer<JsonObject> consumer;

    /**
     * @param vertx    for timers, the event bus and shared data
     * @param settings the settings of a model (threshold, reset timeout)
     */
    public BreakerRegistry(Vertx vertx, Function<String, ResilienceSettings> settings) {
        this(vertx, settings, ClusterGuard.create(vertx, ClusterGuard.DEFAULT_TIMEOUT_MS));
    }

    /**
     * @param guard the deadline of shared-map operations; when the cluster misses it, breakers keep
     *              their local state (a model opened here stays open here; this node sends its own
     *              trial when it cannot learn who holds the lease)
     */
    public BreakerRegistry(Vertx vertx, Function<String, ResilienceSettings> settings, ClusterGuard guard) {
        this.vertx = vertx;
        this.settings = settings;
        this.guard = guard;
    }

    /** Subscribes to transitions and learns the models already open in the cluster. */
    public Future<Void> start() {
        consumer = vertx.eventBus().consumer(ADDRESS, this::onTransition);
        return consumer.completion()
                .compose(v -> vertx.sharedData().<String, JsonObject>getAsyncMap(MAP))
                .compose(map -> {
                    shared = map;
                    return guard.callAtStart("breaker states", map::entries, () -> Future.succeededFuture(Map.of()));
                })
                .map(entries -> {
                    entries.forEach((model, state) -> {
                        if (!model.startsWith("trial:") && state.getLong("reopens_at", 0L) > 0) {
                            breaker(model).applyOpen(state.getLong("reopens_at"), "learned at join: " + state.getString("reason"));
                        }
                    });
                    return null;
                });
    }

    /** Stops listening. */
    public Future<Void> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    /** Whether a call to the model may go out now (closed, or this node holds its trial). */
    public boolean available(String model) {
        ModelBreaker b = breakers.get(model);
        return b == null || b.available();
    }

    /** Epoch millis when an unavailable model may be tried again, or 0 when available. */
    public long reopensAt(String model) {
        ModelBreaker b = breakers.get(model);
        return b == null ? 0 : b.reopensAt();
    }

    /**
     * Runs one attempt through the model's breaker; fails with {@link OpenCircuitException}
     * without running it when the model is open (or its trial belongs to another request or node).
     */
    public <T> Future<T> run(String model, Supplier<Future<T>> attempt) {
        return breaker(model).run(attempt);
    }

    /**
     * Counts a failure that happened after its attempt had already succeeded as far as the breaker
     * could see: a stream that broke after its first content chunk (upstream reset, stall, an
     * oversize or endless line). Only transient failures count, as for {@link #run}.
     */
    public void recordLateFailure(String model, dev.switchboard.spi.provider.ProviderException e) {
        breaker(model).recordLateFailure(e);
    }

    /** Closes a model's breaker on every node. */
    public void reset(String model, String reason) {
        ModelBreaker b = breakers.get(model);
        String from = b == null ? "closed" : b.state();
        if (b != null) {
            b.applyClosed();
        }
        publish(model, from, "closed", reason, 0);
    }

    /** Closes every breaker on every node; returns how many were not closed here. */
    public int resetAll(String reason) {
        int n = 0;
        for (Map.Entry<String, ModelBreaker> e : breakers.entrySet()) {
            if (!"closed".equals(e.getValue().state())) {
                n++;
                reset(e.getKey(), reason);
            }
        }
        return n;
    }

    /** The state of every model's breaker on this node, for {@code GET /circuit-breakers}. */
    public JsonArray snapshot(Iterable<String> models) {
        JsonArray out = new JsonArray();
        for (String m : models) {
            ModelBreaker b = breakers.get(m);
            long reopens = b == null ? 0 : b.reopensAt();
            out.add(new JsonObject().put("model", m).put("state", b == null ? "closed" : b.state())
                    .put("failures", b == null ? 0 : b.failures()).put("reopens_at", reopens == 0 ? null : reopens));
        }
        return out;
    }

    /** This node's state of one model: closed, open or half_open. */
    public String state(String model) {
        ModelBreaker b = breakers.get(model);
        return b == null ? "closed" : b.state();
    }

    ModelBreaker breaker(String model) {
        return breakers.computeIfAbsent(model, m -> new ModelBreaker(this, m, settings.apply(m)));
    }

    AsyncMap<String, JsonObject> shared() {
        return shared;
    }

    /** Runs a shared-map operation within the guard's deadline; when it misses it, local state stands. */
    <T> Future<T> shared(String what, java.util.function.Supplier<Future<T>> op, java.util.function.Supplier<Future<T>> local) {
        return guard.call(what, op, local);
    }

    private void shared(String what, java.util.function.Supplier<Future<Void>> op) {
        guard.call(what, op, Future::succeededFuture);
    }

    /** Publishes a transition to every node (this one included) and keeps the shared map in step. */
    void publish(String model, String from, String to, String reason, long reopensAt) {
        LOG.info(() -> "breaker " + model + ": " + from + " -> " + to + " (" + reason + ")");
        JsonObject event = new JsonObject().put("model", model).put("from", from).put("to", to).put("reason", reason)
                .put("reopens_at", reopensAt == 0 ? null : reopensAt).put("node", nodeId);
        AsyncMap<String, JsonObject> map = shared;
        if (map != null && "open".equals(to)) {
            long ttl = Math.max(1, reopensAt - System.currentTimeMillis()) + settings.apply(model).breakerResetMs();
            JsonObject state = new JsonObject().put("reopens_at", reopensAt).put("reason", reason).put("node", nodeId);
            // a failed trial frees the lease for the next election
            shared("breaker " + model, () -> map.put(model, state, ttl).compose(v -> map.remove("trial:" + model)).mapEmpty());
        } else if (map != null && "closed".equals(to)) {
            shared("breaker " + model, () -> map.remove(model).compose(v -> map.remove("trial:" + model)).mapEmpty());
        }
        vertx.eventBus().publish(ADDRESS, event);
    }

    private void onTransition(Message<JsonObject> msg) {
        JsonObject e = msg.body();
        String model = e.getString("model");
        if (model == null || nodeId.equals(e.getString("node")) && !"closed".equals(e.getString("to"))) {
            return; // our own opens were applied when they happened
        }
        switch (e.getString("to", "")) {
            case "open" -> breaker(model).applyOpen(e.getLong("reopens_at", System.currentTimeMillis()), e.getString("reason"));
            case "closed" -> breaker(model).applyClosed();
            default -> { } // half_open is informational: only the lease holder sends the trial
        }
    }

    /** Only transient upstream failures count against a model. */
    static <T> boolean countsAsFailure(Future<T> f) {
        return f.failed() && f.cause() instanceof dev.switchboard.spi.provider.ProviderException e && e.kind().isTransient();
    }
}
