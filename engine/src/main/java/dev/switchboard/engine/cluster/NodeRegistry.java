package dev.switchboard.engine.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live nodes of the cluster. Each node has a random id and keeps an entry in the shared map
 * {@value #MAP} alive by writing it every {@value #HEARTBEAT_MS} ms with a {@value #TTL_MS} ms
 * time-to-live, so a node that dies (even by {@code kill -9}) drops out within the TTL without
 * anyone having to notice. Uses only Vert.x {@code SharedData}: on a single node the map is local
 * and the same code serves. Reads and writes have the {@link ClusterGuard}'s deadline; when the map
 * misses it, the last list read stands.
 */
public final class NodeRegistry {
    /** The shared map of live nodes: node id to the node's info. */
    public static final String MAP = "switchboard.nodes";
    static final long TTL_MS = 3000;
    static final long HEARTBEAT_MS = 1000;
    private static final Logger LOG = Logger.getLogger(NodeRegistry.class.getName());

    private final Vertx vertx;
    private final String id = UUID.randomUUID().toString();
    private final JsonObject info;
    private final AsyncMap<String, JsonObject> map;
    private final ClusterGuard guard;
    private volatile List<String> lastLive = List.of();
    private long timer = -1;
    private boolean beating;

    private NodeRegistry(Vertx vertx, JsonObject info, AsyncMap<String, JsonObject> map, ClusterGuard guard) {
        this.vertx = vertx;
        this.info = info.copy().put("id", id);
        this.map = map;
        this.guard = guard;
    }

    /**
     * Joins: writes this node's entry once, then keeps it alive.
     *
     * @param info what other nodes may read about this one (e.g. its HTTP port); the id is added
     */
    public static Future<NodeRegistry> start(Vertx vertx, JsonObject info) {
        return start(vertx, info, ClusterGuard.create(vertx, ClusterGuard.DEFAULT_TIMEOUT_MS));
    }

    /** As {@link #start(Vertx, JsonObject)}, with the deadline of cluster operations. */
    public static Future<NodeRegistry> start(Vertx vertx, JsonObject info, ClusterGuard guard) {
        return vertx.sharedData().<String, JsonObject>getAsyncMap(MAP)
                .map(map -> new NodeRegistry(vertx, info, map, guard))
                .compose(NodeRegistry::firstBeat);
    }

    private Future<NodeRegistry> firstBeat() {
        return map.put(id, info, TTL_MS).onSuccess(v -> timer = vertx.setPeriodic(HEARTBEAT_MS, t -> heartbeat())).map(this);
    }

    private void heartbeat() {
        if (beating) {
            return; // the last write has not finished (e.g. the cluster is re-partitioning): don't pile up
        }
        beating = true;
        guard.call("node heartbeat", () -> map.put(id, info, TTL_MS), () -> Future.failedFuture("no answer in time")).onComplete(ar -> {
            beating = false;
            if (ar.failed()) {
                LOG.log(Level.FINE, "node heartbeat failed; retrying in " + HEARTBEAT_MS + " ms", ar.cause());
            }
        });
    }

    /** This node's id. */
    public String id() {
        return id;
    }

    /**
     * The ids of the nodes whose heartbeat is current, sorted; this node always among them. When the
     * map misses the deadline: the last list read (this node alone before any).
     */
    public Future<List<String>> liveNodes() {
        return guard.call("live nodes", () -> map.keys().map(keys -> {
            List<String> ids = new ArrayList<>(keys);
            if (!ids.contains(id)) {
                ids.add(id);
            }
            ids.sort(null);
            lastLive = List.copyOf(ids);
            return ids;
        }), () -> Future.succeededFuture(lastLive.isEmpty() ? List.of(id) : lastLive));
    }


    /** Leaves: stops the heartbeat and removes this node's entry. */
    public Future<Void> close() {
        vertx.cancelTimer(timer);
        return guard.call("node leave", () -> map.remove(id).<Void>mapEmpty(), Future::succeededFuture);
    }
}
