package dev.switchboard.engine.resilience;

import dev.switchboard.spi.provider.ProviderException;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One model's breaker on one node. A Vert.x {@link CircuitBreaker} counts consecutive transient
 * failures and fires at the threshold; from then on the open period, the trial lease and the
 * cluster-wide result are this class's (the Vert.x breaker's own half-open timer is per process,
 * and {@code reset()} cannot close an OPEN breaker, so it is replaced by a fresh one instead).
 */
final class ModelBreaker {
    /** A trial lease outlives a hung trial by this much before another node may try. */
    private static final long LEASE_SLACK_MS = 5_000;

    private final BreakerRegistry registry;
    private final String model;
    private final ResilienceSettings s;
    private volatile CircuitBreaker counter;
    private volatile boolean open;
    private volatile long holdUntil;
    private volatile boolean trialLease;
    private final AtomicBoolean trialInFlight = new AtomicBoolean();
    private volatile String lastFailure = "";
    private volatile long openFailures;
    private long electionTimer = -1;

    ModelBreaker(BreakerRegistry registry, String model, ResilienceSettings s) {
        this.registry = registry;
        this.model = model;
        this.s = s;
        this.counter = newCounter();
    }

    private CircuitBreaker newCounter() {
        CircuitBreaker b = CircuitBreaker.create("switchboard-" + model, registry.vertx, new CircuitBreakerOptions()
                .setMaxFailures(s.breakerThreshold()).setResetTimeout(-1).setTimeout(-1)
                .setFailuresRollingWindow(Duration.ofDays(1).toMillis()).setNotificationAddress(null));
        b.failurePolicy(BreakerRegistry::countsAsFailure);
        b.openHandler(v -> openHere(System.currentTimeMillis() + s.breakerResetMs(),
                s.breakerThreshold() + " consecutive failures, last " + lastFailure));
        return b;
    }

    String state() {
        if (!open) {
            return "closed";
        }
        return System.currentTimeMillis() >= holdUntil && trialLease ? "half_open" : "open";
    }

    boolean available() {
        return !open || System.currentTimeMillis() >= holdUntil && trialLease && !trialInFlight.get();
    }

    long reopensAt() {
        return open ? holdUntil : 0;
    }

    /** Consecutive failures: while open, the count that opened it. */
    long failures() {
        return open ? openFailures : counter.failureCount();
    }

    <T> Future<T> run(Supplier<Future<T>> attempt) {
        if (!open) {
            CircuitBreaker b = counter;
            return b.<T>execute(() -> attempt.get().onFailure(this::afterFailure)).onSuccess(v -> {
                if (b.state() == CircuitBreakerState.CLOSED && b.failureCount() > 0) {
                    b.reset(); // consecutive failures only: a success clears the count
                }
            });
        }
        if (System.currentTimeMillis() < holdUntil || !trialLease || !trialInFlight.compareAndSet(false, true)) {
            return Future.failedFuture(OpenCircuitException.INSTANCE);
        }
        return attempt.get().andThen(ar -> {
            if (ar.failed() && ar.cause() instanceof ClientCancelledException) {
                trialInFlight.set(false); // the client left before the model answered: no verdict, the next request tries
            } else if (ar.failed() && BreakerRegistry.countsAsFailure(Future.failedFuture(ar.cause()))) {
                openHere(System.currentTimeMillis() + s.breakerResetMs(), "trial request failed: " + describe(ar.cause()));
            } else {
                registry.publish(model, "half_open", "closed", "trial request succeeded", 0);
                applyClosed();
            }
        });
    }

    /** A failure outside {@link #run}; ignored while open (the trial's result decides then). */
    void recordLateFailure(ProviderException e) {
        if (!open && e.kind().isTransient()) {
            counter.<Void>execute(() -> Future.<Void>failedFuture(e).onFailure(this::afterFailure));
        }
    }

    private void afterFailure(Throwable t) {
        if (t instanceof ProviderException e && e.kind().isTransient()) {
            lastFailure = describe(e);
            Duration ra = e.retryAfter();
            if (e.status() == 429 && ra != null && ra.toMillis() > 0) {
                openHere(System.currentTimeMillis() + ra.toMillis(), "429 with retry-after " + ra.toMillis() + " ms");
            }
        }
    }

    private static String describe(Throwable t) {
        return t instanceof ProviderException e ? e.kind().name().toLowerCase(Locale.ROOT) + (e.status() > 0 ? " " + e.status() : "")
                : t.getClass().getSimpleName();
    }

    /** Opens the model here and tells the cluster. */
    private void openHere(long reopensAt, String reason) {
        String from = state();
        long failed = open ? openFailures + 1 : counter.failureCount();
        applyOpen(reopensAt, reason);
        openFailures = failed;
        registry.publish(model, from, "open", reason, reopensAt);
    }

    /** Holds the model open until {@code reopensAt}, then takes part in the trial election. */
    synchronized void applyOpen(long reopensAt, String reason) {
        open = true;
        holdUntil = reopensAt;
        trialLease = false;
        trialInFlight.set(false);
        openFailures = s.breakerThreshold(); // a remote open: the threshold was reached there
        replaceCounter();
        scheduleElection(Math.max(0, reopensAt - System.currentTimeMillis()));
    }

    /** Closes the model here. */
    synchronized void applyClosed() {
        open = false;
        holdUntil = 0;
        trialLease = false;
        trialInFlight.set(false);
        if (electionTimer >= 0) {
            registry.vertx.cancelTimer(electionTimer);
            electionTimer = -1;
        }
        replaceCounter();
    }

    private void replaceCounter() {
        CircuitBreaker old = counter;
        counter = newCounter();
        old.close();
    }

    private void scheduleElection(long delayMs) {
        if (electionTimer >= 0) {
            registry.vertx.cancelTimer(electionTimer);
        }
        electionTimer = registry.vertx.setTimer(Math.max(1, delayMs), id -> elect());
    }

    /** Tries to win the right to send the one trial request of the cluster. */
    private void elect() {
        AsyncMap<String, JsonObject> map = registry.shared();
        long lease = s.requestTimeoutMs() + LEASE_SLACK_MS;
        if (!open || map == null) {
            return;
        }
        JsonObject mine = new JsonObject().put("node", registry.nodeId);
        // the cluster not answering in time: this node decides locally and sends its own trial
        registry.shared("trial lease " + model, () -> map.putIfAbsent("trial:" + model, mine, lease),
                () -> Future.succeededFuture(null)).onComplete(ar -> {
            boolean won = ar.succeeded() && (ar.result() == null || registry.nodeId.equals(ar.result().getString("node")));
            synchronized (this) {
                if (!open) {
                    return;
                }
                if (won) {
                    trialLease = true;
                    registry.publish(model, "open", "half_open", "reset timeout elapsed: this node sends the one trial", 0);
                } else {
                    scheduleElection(lease); // the winner may die: try again once its lease has expired
                }
            }
        });
    }
}
