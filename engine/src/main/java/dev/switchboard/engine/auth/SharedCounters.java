package dev.switchboard.engine.auth;

import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Counters with an expiry in the shared map {@value #MAP}: cluster-wide when clustered (Hazelcast),
 * in-memory on one node. Increments are compare-and-set loops, so concurrent nodes never lose an
 * update; N nodes together never admit more than one limit.
 *
 * <p>Every operation runs through the {@link ClusterGuard}'s deadline. When the cluster misses it
 * (a frozen or partitioned member), the node decides locally from what it knows of the counter:
 * the last shared value it saw plus what it has counted since ({@code local}, the default), so N
 * partitioned nodes may together admit up to N times a limit for as long as the partition lasts;
 * what was counted locally is added to the shared counters once the cluster answers again, so spend
 * and tokens are never lost. With {@code cluster.on-timeout.limits: fail-closed} an admission
 * check ({@link #get}, {@link #add}) fails with 503 instead; bookkeeping ({@link #record}) is still
 * counted locally and reconciled, since the request it counts was served.
 */
public final class SharedCounters {
    /** The shared map holding the counters. */
    public static final String MAP = "switchboard.counters";
    private static final Logger LOG = Logger.getLogger(SharedCounters.class.getName());
    private static final int MAX_CAS_ROUNDS = 64;
    /** Local views are swept of expired counters when there are more than this many. */
    private static final int SWEEP_AT = 4096;
    private final Future<AsyncMap<String, Long>> map;
    private final ClusterGuard guard;
    private final boolean failClosed;
    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private volatile boolean ttlReplace = true;

    /** What this node knows of one counter: the last shared value seen, and what it counted locally since. */
    private static final class Local {
        volatile long seen;
        final AtomicLong pending = new AtomicLong();
        volatile long expiresAt;
    }

    /**
     * @param guard      the deadline of each shared operation
     * @param failClosed whether admission checks fail (503) rather than decide locally on a timeout
     */
    public SharedCounters(Vertx vertx, ClusterGuard guard, boolean failClosed) {
        this(vertx.sharedData().getAsyncMap(MAP), guard, failClosed);
    }

    SharedCounters(Future<AsyncMap<String, Long>> map, ClusterGuard guard, boolean failClosed) {
        this.map = map;
        this.guard = guard;
        this.failClosed = failClosed;
        guard.onRecovered(this::reconcile);
    }

    /** The current value (0 when absent or expired); an admission check. */
    public Future<Long> get(String key) {
        return guard.call("counter " + key, () -> map.compose(m -> m.get(key)).map(v -> seen(key, v == null ? 0L : v)),
                () -> failClosed ? unavailable() : Future.succeededFuture(localValue(key)));
    }

    /** Adds {@code delta} and returns the new value; a new counter expires after {@code ttlMs}. An admission check. */
    public Future<Long> add(String key, long delta, long ttlMs) {
        return guarded(key, delta, ttlMs, failClosed);
    }

    /** As {@link #add}, for bookkeeping that must not be lost: on a timeout it is counted locally and reconciled later. */
    public Future<Long> record(String key, long delta, long ttlMs) {
        return guarded(key, delta, ttlMs, false);
    }

    /**
     * The shared increment, or the local one when it misses the deadline. A shared increment that
     * lands after its local stand-in takes the stand-in back, so reconciling never counts it twice.
     */
    private Future<Long> guarded(String key, long delta, long ttlMs, boolean refuse) {
        boolean[] countedLocally = new boolean[1];
        return guard.call("counter " + key, () -> map.compose(m -> add(m, key, delta, ttlMs, 0)).map(v -> {
            if (guard.clustered()) {
                Local l = view(key, ttlMs);
                l.seen = v;
                synchronized (countedLocally) {
                    if (countedLocally[0]) {
                        l.pending.addAndGet(-delta); // landed after all
                    }
                }
            }
            return v;
        }), () -> {
            if (refuse) {
                return unavailable();
            }
            synchronized (countedLocally) {
                countedLocally[0] = true;
                return Future.succeededFuture(countLocally(key, delta, ttlMs));
            }
        });
    }

    private long seen(String key, long value) {
        Local l = local.get(key);
        if (l != null) {
            l.seen = value;
        }
        return value;
    }

    private long localValue(String key) {
        Local l = local.get(key);
        return l == null || l.expiresAt < System.currentTimeMillis() ? 0 : l.seen + l.pending.get();
    }

    private long countLocally(String key, long delta, long ttlMs) {
        Local l = view(key, ttlMs);
        return l.seen + l.pending.addAndGet(delta);
    }

    private Local view(String key, long ttlMs) {
        if (local.size() > SWEEP_AT) {
            long now = System.currentTimeMillis();
            local.values().removeIf(l -> l.expiresAt < now && l.pending.get() == 0);
        }
        Local l = local.computeIfAbsent(key, k -> new Local());
        l.expiresAt = Math.max(l.expiresAt, System.currentTimeMillis() + ttlMs);
        return l;
    }

    /** Adds what was counted locally while the cluster did not answer to the shared counters. */
    private void reconcile() {
        long now = System.currentTimeMillis();
        local.forEach((key, l) -> {
            long pending = l.pending.getAndSet(0);
            if (pending == 0) {
                return;
            }
            if (l.expiresAt < now) {
                return; // its window is over: nothing left to correct
            }
            LOG.fine(() -> "reconciling counter " + key + ": +" + pending + " counted locally");
            record(key, pending, l.expiresAt - now);
        });
    }

    private Future<Long> unavailable() {
        return Future.failedFuture(new ApiException(503, "api_error", "cluster_unavailable", null,
                "the cluster's shared limit counters did not answer within " + guard.timeoutMs()
                        + " ms and limits fail closed (cluster.on-timeout.limits: fail-closed); retry shortly", null, Duration.ofSeconds(1)));
    }

    /**
     * Compare-and-set keeping the expiry. vertx-hazelcast 5.0.8 does not implement the TTL variant
     * (the default fails with UnsupportedOperationException); there the plain one is used, which
     * leaves the expiry the entry got from {@code putIfAbsent} in place.
     */
    private Future<Boolean> replace(AsyncMap<String, Long> m, String key, long previous, long next, long ttlMs) {
        if (ttlReplace) {
            try {
                return m.replaceIfPresent(key, previous, next, ttlMs).recover(t -> {
                    if (t instanceof UnsupportedOperationException) {
                        ttlReplace = false;
                        return m.replaceIfPresent(key, previous, next);
                    }
                    return Future.failedFuture(t);
                });
            } catch (UnsupportedOperationException e) {
                ttlReplace = false;
            }
        }
        return m.replaceIfPresent(key, previous, next);
    }

    private Future<Long> add(AsyncMap<String, Long> m, String key, long delta, long ttlMs, int round) {
        if (round >= MAX_CAS_ROUNDS) {
            return Future.failedFuture(new IllegalStateException("counter " + key + " too contended"));
        }
        return m.putIfAbsent(key, delta, ttlMs).compose(previous -> {
            if (previous == null) {
                return Future.succeededFuture(delta);
            }
            long next = previous + delta;
            return replace(m, key, previous, next, ttlMs)
                    .compose(ok -> ok ? Future.succeededFuture(next) : add(m, key, delta, ttlMs, round + 1));
        });
    }
}
