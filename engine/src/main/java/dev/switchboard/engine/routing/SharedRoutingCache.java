package dev.switchboard.engine.routing;

import dev.switchboard.engine.cluster.ClusterGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * The cache behind {@code RoutingServices.cache()}: a Vert.x async map, local on one node and
 * Hazelcast-backed when clustered (one code path for both), each call bounded by the engine's
 * {@link ClusterGuard} ({@code cluster.op-timeout-ms}). A cache is a hint: a read that misses its
 * deadline or fails answers null, a write that does is dropped, and the request goes on.
 */
public final class SharedRoutingCache {
    /** The shared map's name. */
    static final String MAP = "switchboard.routing-cache";

    private final Vertx vertx;
    private final ClusterGuard guard;
    private volatile Future<AsyncMap<String, String>> map;

    public SharedRoutingCache(Vertx vertx, ClusterGuard guard) {
        this.vertx = vertx;
        this.guard = guard;
    }

    /** The value of {@code key}, or null when absent, expired or not read in time. */
    public Future<String> get(String key) {
        if (key == null) {
            return Future.failedFuture(new IllegalArgumentException("a cache key cannot be null"));
        }
        return guard.call("routing cache read", () -> map().compose(m -> m.get(key)), () -> Future.succeededFuture(null));
    }

    /** Stores {@code value} under {@code key} for {@code ttlMs} milliseconds; dropped when the cluster does not answer in time. */
    public Future<Void> put(String key, String value, long ttlMs) {
        if (key == null || value == null || ttlMs < 1) {
            return Future.failedFuture(new IllegalArgumentException("a cache entry needs a key, a value and a ttlMs of at least 1, got key="
                    + key + ", ttlMs=" + ttlMs + (value == null ? ", no value" : "")));
        }
        return guard.call("routing cache write", () -> map().compose(m -> m.put(key, value, ttlMs)), Future::succeededFuture);
    }

    private Future<AsyncMap<String, String>> map() {
        Future<AsyncMap<String, String>> m = map;
        if (m == null || m.failed()) {
            m = vertx.sharedData().getAsyncMap(MAP);
            map = m;
        }
        return m;
    }
}
