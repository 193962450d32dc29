package dev.switchboard.engine.resilience;

import dev.switchboard.spi.provider.ProviderException;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One circuit breaker per catalog model (Vert.x Circuit Breaker). Only transient upstream failures
 * count, and only consecutive ones (a success resets the count). A 429 with Retry-After opens the
 * model for exactly that long. Transitions are logged and published on {@value #ADDRESS}.
 */
public final class BreakerRegistry {
    /** Event-bus address of breaker transitions: {@code {"model","from","to","reason","reopens_at"}}. */
    public static final String ADDRESS = "switchboard.breaker";
    private static final Logger LOG = Logger.getLogger(BreakerRegistry.class.getName());

    private final Vertx vertx;
    private final Function<String, ResilienceSettings> settings;
    private final Map<String, ModelBreaker> breakers = new ConcurrentHashMap<>();

    /**
     * @param vertx    for timers and publishing
     * @param settings the settings of a model (threshold, reset timeout)
     */
    public BreakerRegistry(Vertx vertx, Function<String, ResilienceSettings> settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /** Whether a call to the model may go out now (closed, or half-open for its trial). */
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
     * Runs one attempt through the model's breaker. Fails with {@link OpenCircuitException} without
     * running it when the breaker is open.
     */
    public <T> Future<T> run(String model, Supplier<Future<T>> attempt) {
        return breaker(model).run(attempt);
    }

    /** Closes a model's breaker; false when the model has none (never failed). */
    public boolean reset(String model, String reason) {
        ModelBreaker b = breakers.get(model);
        if (b == null) {
            return false;
        }
        b.reset(reason);
        return true;
    }

    /** Closes every breaker; returns how many were not closed. */
    public int resetAll(String reason) {
        int n = 0;
        for (ModelBreaker b : breakers.values()) {
            if (b.state() != CircuitBreakerState.CLOSED) {
                n++;
            }
            b.reset(reason);
        }
        return n;
    }

    /** The state of every model's breaker, for {@code GET /circuit-breakers}. */
    public JsonArray snapshot(Iterable<String> models) {
        JsonArray out = new JsonArray();
        for (String m : models) {
            ModelBreaker b = breakers.get(m);
            long reopens = b == null ? 0 : b.reopensAt();
            out.add(new JsonObject().put("model", m)
                    .put("state", b == null ? "closed" : name(b.state()))
                    .put("failures", b == null ? 0 : b.failures())
                    .put("reopens_at", reopens == 0 ? null : reopens));
        }
        return out;
    }

    static String name(CircuitBreakerState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private ModelBreaker breaker(String model) {
        return breakers.computeIfAbsent(model, m -> new ModelBreaker(m, settings.apply(m)));
    }

    /** A model's breaker: the Vert.x breaker plus a Retry-After hold and the transition bookkeeping. */
    private final class ModelBreaker {
        private final String model;
        private final ResilienceSettings s;
        private volatile CircuitBreaker cb;
        private volatile long openedAt;
        private volatile long holdUntil;
        private volatile CircuitBreakerState last = CircuitBreakerState.CLOSED;
        private volatile String pendingReason = "";

        ModelBreaker(String model, ResilienceSettings s) {
            this.model = model;
            this.s = s;
            this.cb = create();
        }

        private CircuitBreaker create() {
            CircuitBreaker b = CircuitBreaker.create("switchboard-" + model, vertx, new CircuitBreakerOptions()
                    .setMaxFailures(s.breakerThreshold()).setResetTimeout(s.breakerResetMs()).setTimeout(-1)
                    .setFailuresRollingWindow(Duration.ofDays(1).toMillis()).setNotificationAddress(null));
            b.failurePolicy(BreakerRegistry::countsAsFailure);
            b.openHandler(v -> transition(CircuitBreakerState.OPEN));
            b.halfOpenHandler(v -> transition(CircuitBreakerState.HALF_OPEN));
            b.closeHandler(v -> transition(CircuitBreakerState.CLOSED));
            return b;
        }

        CircuitBreakerState state() {
            return System.currentTimeMillis() < holdUntil ? CircuitBreakerState.OPEN : cb.state();
        }

        boolean available() {
            return System.currentTimeMillis() >= holdUntil && cb.state() != CircuitBreakerState.OPEN;
        }

        long reopensAt() {
            long hold = holdUntil > System.currentTimeMillis() ? holdUntil : 0;
            long open = cb.state() == CircuitBreakerState.OPEN ? openedAt + s.breakerResetMs() : 0;
            return Math.max(hold, open);
        }

        long failures() {
            return cb.failureCount();
        }

        <T> Future<T> run(Supplier<Future<T>> attempt) {
            if (System.currentTimeMillis() < holdUntil) {
                return Future.failedFuture(OpenCircuitException.INSTANCE);
            }
            CircuitBreaker b = cb;
            return b.<T>execute(() -> attempt.get().onFailure(this::afterFailure)).onSuccess(v -> {
                if (b.state() == CircuitBreakerState.CLOSED && b.failureCount() > 0) {
                    b.reset(); // consecutive failures only: a success in CLOSED clears the count
                }
            });
        }

        private void afterFailure(Throwable t) {
            if (t instanceof ProviderException e && countsAsFailure(Future.failedFuture(e))) {
                pendingReason = e.kind().name().toLowerCase(Locale.ROOT) + (e.status() > 0 ? " " + e.status() : "");
                Duration ra = e.retryAfter();
                if (e.status() == 429 && ra != null && ra.toMillis() > 0) {
                    holdUntil = System.currentTimeMillis() + ra.toMillis();
                    publish("closed", "open", "retry-after " + ra.toMillis() + " ms", holdUntil);
                }
            }
        }

        void reset(String reason) {
            CircuitBreakerState before = state();
            holdUntil = 0;
            if (cb.state() == CircuitBreakerState.OPEN) {
                // CircuitBreaker.reset() cannot close an OPEN breaker: replace it with a fresh one
                CircuitBreaker old = cb;
                cb = create();
                old.close();
            } else {
                cb.reset();
            }
            last = CircuitBreakerState.CLOSED;
            if (before != CircuitBreakerState.CLOSED) {
                publish(name(before), "closed", reason, 0);
            }
        }

        private void transition(CircuitBreakerState to) {
            CircuitBreakerState from = last;
            last = to;
            if (to == CircuitBreakerState.OPEN) {
                openedAt = System.currentTimeMillis();
            }
            if (from != to) {
                String reason = to == CircuitBreakerState.OPEN ? s.breakerThreshold() + " consecutive failures, last " + pendingReason
                        : to == CircuitBreakerState.HALF_OPEN ? "reset timeout elapsed: one trial request" : "trial request succeeded";
                publish(name(from), name(to), reason, to == CircuitBreakerState.OPEN ? openedAt + s.breakerResetMs() : 0);
            }
        }

        private void publish(String from, String to, String reason, long reopensAt) {
            LOG.info(() -> "breaker " + model + ": " + from + " -> " + to + " (" + reason + ")");
            vertx.eventBus().publish(ADDRESS, new JsonObject().put("model", model).put("from", from).put("to", to)
                    .put("reason", reason).put("reopens_at", reopensAt == 0 ? null : reopensAt));
        }
    }

    /** Only transient upstream failures count against a model. */
    static <T> boolean countsAsFailure(Future<T> f) {
        return f.failed() && f.cause() instanceof ProviderException e && e.kind().isTransient();
    }
}
