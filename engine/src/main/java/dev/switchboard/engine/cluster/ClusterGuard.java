package dev.switchboard.engine.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deadline of every cluster operation on the request path (shared counters, breaker state,
 * config overlay, node registry). A frozen or partitioned member can hold the partitions and
 * backups it owns until Hazelcast suspects it ({@code cluster.max-no-heartbeat-seconds}); this keeps
 * a healthy node's requests moving meanwhile.
 *
 * <p>{@link #call} runs an operation (asynchronous: Hazelcast's own async calls, or Vert.x's worker
 * pool for those vertx-hazelcast runs blocking, never an event loop) and, when it has not answered
 * within {@code cluster.op-timeout-ms}, completes with the caller's local decision instead. After a
 * timeout the cluster counts as <em>degraded</em>: further operations decide locally at once, without
 * piling up behind the frozen member, except one probe every {@value #PROBE_EVERY_MS} ms; when
 * {@value #RECOVERY_PROBES} probes in a row answer in time the cluster is healthy again and
 * {@link #onRecovered} callbacks run (e.g. to reconcile what was counted locally). One probe is not
 * enough: a frozen member holds only some partitions, so a probe may land on a healthy one while
 * the next request's keys are still stuck. An operation that fails (rather than hangs) also gets the
 * local decision but does not degrade the cluster. On a single node (no cluster manager) operations
 * run as they are: in-memory shared data cannot hang.
 */
public final class ClusterGuard {
    /** {@code cluster.op-timeout-ms} when not configured. */
    public static final long DEFAULT_TIMEOUT_MS = 300;
    /** The deadline of reads while a node starts. */
    static final long START_TIMEOUT_MS = 10_000;
    /** While degraded, one operation in this period is let through to probe the cluster. */
    static final long PROBE_EVERY_MS = 500;
    /** Probes in a row that must answer in time to end the degraded state. */
    static final int RECOVERY_PROBES = 3;
    private static final Logger LOG = Logger.getLogger(ClusterGuard.class.getName());

    private final Vertx vertx;
    private final boolean clustered;
    private final long timeoutMs;
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final AtomicLong nextProbe = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong localDecisions = new AtomicLong();
    private volatile long degradedSince;
    private final AtomicLong probeStreak = new AtomicLong();
    private final List<Runnable> recovered = new CopyOnWriteArrayList<>();

    private ClusterGuard(Vertx vertx, boolean clustered, long timeoutMs) {
        this.vertx = vertx;
        this.clustered = clustered;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param timeoutMs the deadline of one operation ({@code cluster.op-timeout-ms})
     */
    public static ClusterGuard create(Vertx vertx, long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
        }
        return new ClusterGuard(vertx, vertx.isClustered(), timeoutMs);
    }

    /** For tests: guards as if clustered, whatever the Vert.x. */
    public static ClusterGuard forTest(Vertx vertx, long timeoutMs) {
        return new ClusterGuard(vertx, true, timeoutMs);
    }

    /**
     * Runs {@code op} with the deadline.
     *
     * @param what     what the operation is, for the log
     * @param op       the cluster operation
     * @param fallback the local decision, used when the operation misses the deadline or fails, and
     *                 at once while the cluster is degraded
     */
    public <T> Future<T> call(String what, Supplier<Future<T>> op, Supplier<Future<T>> fallback) {
        if (!clustered) {
            return op.get();
        }
        boolean probe = degraded.get();
        if (probe && !probeDue()) {
            localDecisions.incrementAndGet();
            return fallback.get();
        }
        Promise<T> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (!promise.future().isComplete()) {
                timedOut(what);
                decideLocally(promise, fallback);
            }
        });
        Future<T> started;
        try {
            started = op.get();
        } catch (RuntimeException e) {
            started = Future.failedFuture(e);
        }
        started.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (promise.future().isComplete()) {
                return; // the deadline passed first: the local decision stands
            }
            if (ar.succeeded()) {
                if (probe) {
                    probeAnswered();
                }
                promise.tryComplete(ar.result());
            } else {
                LOG.log(Level.FINE, what + " failed; deciding locally", ar.cause());
                decideLocally(promise, fallback);
            }
        });
        return promise.future();
    }

    /**
     * For reads while a node starts (breakers open in the cluster, the config overlay): the longer
     * deadline {@value #START_TIMEOUT_MS} ms, since no request waits yet and a slow but healthy
     * cluster should still hand its state over; a miss takes {@code fallback} without degrading.
     */
    public <T> Future<T> callAtStart(String what, Supplier<Future<T>> op, Supplier<Future<T>> fallback) {
        if (!clustered) {
            return op.get();
        }
        return op.get().timeout(START_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS).recover(t -> {
            LOG.log(Level.WARNING, what + " not read from the cluster within " + START_TIMEOUT_MS + " ms: starting without it", t);
            return fallback.get();
        });
    }

    private <T> void decideLocally(Promise<T> promise, Supplier<Future<T>> fallback) {
        localDecisions.incrementAndGet();
        Future<T> local;
        try {
            local = fallback.get();
        } catch (RuntimeException e) {
            local = Future.failedFuture(e);
        }
        local.onComplete(promise::tryComplete, promise::tryFail);
    }

    private boolean probeDue() {
        long now = System.currentTimeMillis();
        long due = nextProbe.get();
        return now >= due && nextProbe.compareAndSet(due, now + PROBE_EVERY_MS);
    }

    private void timedOut(String what) {
        timeouts.incrementAndGet();
        probeStreak.set(0);
        nextProbe.set(System.currentTimeMillis() + PROBE_EVERY_MS);
        if (degraded.compareAndSet(false, true)) {
            degradedSince = System.currentTimeMillis();
            LOG.warning(() -> "cluster did not answer " + what + " within " + timeoutMs + " ms: deciding locally until it answers again");
        }
    }

    private void probeAnswered() {
        if (probeStreak.incrementAndGet() >= RECOVERY_PROBES && degraded.compareAndSet(true, false)) {
            probeStreak.set(0);
            long ms = System.currentTimeMillis() - degradedSince;
            LOG.warning(() -> "cluster answers again after " + ms + " ms; " + localDecisions.get() + " local decisions so far");
            recovered.forEach(Runnable::run);
        }
    }

    /** Runs {@code r} each time the cluster answers again after a timeout. */
    public void onRecovered(Runnable r) {
        recovered.add(r);
    }

    /** Whether operations currently decide locally. */
    public boolean degraded() {
        return degraded.get();
    }

    /** Whether this node is clustered (else operations run unguarded). */
    public boolean clustered() {
        return clustered;
    }

    /** The deadline of one operation, in milliseconds. */
    public long timeoutMs() {
        return timeoutMs;
    }

    /** Operations that missed their deadline since start. */
    public long timeouts() {
        return timeouts.get();
    }

    /** Decisions taken locally (deadline missed, operation failed, or cluster degraded) since start. */
    public long localDecisions() {
        return localDecisions.get();
    }
}
