package dev.switchboard.engine.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Counters with an expiry in the shared map {@value #MAP}: cluster-wide when clustered (Hazelcast),
 * in-memory on one node. Increments are compare-and-set loops, so concurrent nodes never lose an
 * update; N nodes together never admit more than one limit.
 */
public final class SharedCounters {
    /** The shared map holding the counters. */
    public static final String MAP = "switchboard.counters";
    private static final int MAX_CAS_ROUNDS = 64;
    private final Future<AsyncMap<String, Long>> map;
    private volatile boolean ttlReplace = true;

    public SharedCounters(Vertx vertx) {
        this.map = vertx.sharedData().getAsyncMap(MAP);
    }

    /** The current value (0 when absent or expired). */
    public Future<Long> get(String key) {
        return map.compose(m -> m.get(key)).map(v -> v == null ? 0L : v);
    }

    /** Adds {@code delta} and returns the new value; a new counter expires after {@code ttlMs}. */
    public Future<Long> add(String key, long delta, long ttlMs) {
        return map.compose(m -> add(m, key, delta, ttlMs, 0));
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
