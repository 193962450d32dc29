package dev.switchboard.engine.responses;

import dev.switchboard.engine.auth.SharedCounters;
import dev.switchboard.engine.cluster.ClusterGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.concurrent.TimeUnit;

/**
 * Stored responses in Vert.x shared data ({@value #MAP}): in memory on one node, Hazelcast-backed
 * in a cluster, so any node continues a conversation another node began. Each entry expires after
 * the TTL; the count is bounded by a ring of {@code maxStored} slots ({@value #SLOTS}) indexed by a
 * cluster-wide sequence, so storing the (max+1)-th response evicts the oldest. Every call has a
 * deadline: a frozen member fails the request instead of stalling it.
 */
public final class ResponseStore {
    /** The shared map of stored responses, id to entry. */
    public static final String MAP = "switchboard.responses";
    /** The shared map of eviction slots, slot number to response id. */
    public static final String SLOTS = "switchboard.responses.slots";
    private static final String SEQUENCE = "responses.sequence";
    private static final long DEADLINE_MS = 5_000;
    /**
     * The sequence's own expiry, far beyond any response TTL (at most 30 days): were it to expire
     * while responses live, numbering would restart and evict young entries early.
     */
    private static final long SEQUENCE_TTL_MS = 400L * 86_400_000L;

    private final Future<AsyncMap<String, JsonObject>> map;
    private final Future<AsyncMap<Long, String>> slots;
    private final SharedCounters counters;
    private final int maxStored;
    private final long ttlMs;

    /**
     * @param maxStored the most responses kept
     * @param ttlMs     how long one is kept
     * @param guard     the engine's deadline on cluster calls
     */
    public ResponseStore(Vertx vertx, int maxStored, long ttlMs, ClusterGuard guard) {
        this.map = vertx.sharedData().getAsyncMap(MAP);
        this.slots = vertx.sharedData().getAsyncMap(SLOTS);
        // the sequence only picks eviction slots: on a cluster timeout a locally counted value is good enough
        this.counters = new SharedCounters(vertx, guard, false);
        this.maxStored = maxStored;
        this.ttlMs = ttlMs;
    }

    /**
     * Stores an entry: {@code {"response": {...}, "input": [conversation items before its output]}}.
     */
    public Future<Void> put(String id, JsonObject entry) {
        return counters.add(SEQUENCE, 1, SEQUENCE_TTL_MS)
                .compose(seq -> slots.compose(s -> {
                    long slot = Math.floorMod(seq, (long) maxStored);
                    return s.get(slot).compose(previous -> s.put(slot, id, ttlMs).map(previous));
                }))
                .compose(previous -> map.compose(m -> m.put(id, entry, ttlMs)
                        .compose(v -> previous == null || previous.equals(id) ? Future.<Void>succeededFuture() : m.remove(previous).mapEmpty())))
                .<Void>mapEmpty()
                .timeout(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }

    /** The entry, or null when unknown or expired. */
    public Future<JsonObject> get(String id) {
        return map.compose(m -> m.get(id)).timeout(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }

    /** Removes an entry; true when it existed. */
    public Future<Boolean> delete(String id) {
        return map.compose(m -> m.remove(id)).map(v -> v != null).timeout(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }
}
