package dev.switchboard.spi.routing;

import dev.switchboard.spi.Experimental;
import io.vertx.core.Future;

/**
 * A string cache with expiry, shared by every router of the node (local shared data) or of the
 * cluster (a cluster-wide map, each call bounded by {@code cluster.op-timeout-ms}). Keys are
 * namespaced per route by the engine, so two routes never see each other's entries. A cache is a
 * hint: a read that misses its deadline answers null and a write that misses it is dropped.
 */
@Experimental("asynchronous routers and engine services are new in SPI 1.0")
public interface RoutingCache {

    /**
     * Reads a value.
     *
     * @param key the key
     * @return the value, or null when absent, expired or unreachable in time
     */
    Future<String> get(String key);

    /**
     * Stores a value.
     *
     * @param key   the key
     * @param value the value (not null)
     * @param ttlMs how long it lives, in milliseconds (at least 1)
     * @return completes when stored (or given up on)
     */
    Future<Void> put(String key, String value, long ttlMs);
}
