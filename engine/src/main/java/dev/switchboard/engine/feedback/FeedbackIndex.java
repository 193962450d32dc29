package dev.switchboard.engine.feedback;

import dev.switchboard.engine.metrics.RatedRequest;
import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.pipeline.RequestObserver;
import dev.switchboard.engine.pipeline.RequestRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requests that can be rated: request id to {@link RatedRequest}, for every request a model
 * served. Each node keeps its own bounded map ({@code feedback.max-entries}, the oldest go first; no
 * timer per entry). In a cluster every entry is also put in the shared map {@value #MAP} with a
 * Hazelcast TTL, so feedback may reach any node behind the load balancer; each cluster call has the
 * engine's deadline ({@link ClusterGuard}) and falls back to this node's map. A non-streaming answer
 * is released once its entry has landed ({@link #settle}), like a key's spend. Entries are kept for
 * twice {@code feedback.ttl-ms}, so that late feedback is told it is late rather than unknown for as
 * long again. Which ids were rated is kept the same way ({@value #RATED}, {@code putIfAbsent}), so a
 * second rating of one request is refused on every node.
 */
public final class FeedbackIndex implements RequestObserver {
    /** The shared map of rateable requests. */
    public static final String MAP = "switchboard.feedback.index";
    /** The shared map of rated request ids. */
    public static final String RATED = "switchboard.feedback.rated";
    /** Ids longer than this (a caller's own {@code x-request-id}) are not indexed. */
    static final int MAX_ID_CHARS = 128;

    private final ClusterGuard guard;
    private final long ttlMs;
    private final Map<String, RatedRequest> local;
    private final Map<String, Boolean> rated;
    private final Future<AsyncMap<String, JsonObject>> shared;
    private final Future<AsyncMap<String, Boolean>> sharedRated;

    /**
     * @param ttlMs      how long after it was served a request can be rated
     * @param maxEntries the most entries this node keeps
     */
    public FeedbackIndex(Vertx vertx, ClusterGuard guard, long ttlMs, int maxEntries) {
        this.guard = guard;
        this.ttlMs = ttlMs;
        this.local = bounded(maxEntries);
        this.rated = bounded(maxEntries);
        this.shared = guard.clustered() ? vertx.sharedData().getAsyncMap(MAP) : null;
        this.sharedRated = guard.clustered() ? vertx.sharedData().getAsyncMap(RATED) : null;
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** How long after it was served a request can be rated. */
    public long ttlMs() {
        return ttlMs;
    }

    @Override
    public void completed(RequestRecord r) {
        settle(r);
    }

    /**
     * Indexes an answered request; in a cluster the future completes when the shared entry has landed
     * (or missed the deadline), so a non-streaming answer is released only once a rating sent right
     * after it finds the request on any node. Never fails.
     */
    @Override
    public Future<Void> settle(RequestRecord r) {
        if (r.model() == null || r.status() != 200 || r.requestId() == null || r.requestId().length() > MAX_ID_CHARS) {
            return Future.succeededFuture(); // only answers can be rated
        }
        RatedRequest entry = RatedRequest.of(r, ttlMs);
        synchronized (local) {
            local.put(entry.requestId(), entry);
        }
        if (shared == null) {
            return Future.succeededFuture();
        }
        return guard.call("feedback index put", () -> shared.compose(m -> m.put(entry.requestId(), entry.toJson(), 2 * ttlMs)),
                Future::<Void>succeededFuture).otherwiseEmpty();
    }

    /** The entry of a request id (possibly past its {@link RatedRequest#expiresAt()}), or null when unknown. */
    public Future<RatedRequest> find(String requestId) {
        RatedRequest here;
        synchronized (local) {
            here = local.get(requestId);
        }
        if (here != null || shared == null) {
            return Future.succeededFuture(here);
        }
        return guard.call("feedback index get", () -> shared.compose(m -> m.get(requestId)), () -> Future.succeededFuture(null))
                .map(json -> json == null ? null : RatedRequest.fromJson(json));
    }

    /** Marks a request id as rated; false when it already was (on any node that the cluster heard of). */
    public Future<Boolean> claim(String requestId) {
        boolean first;
        synchronized (rated) {
            first = rated.putIfAbsent(requestId, Boolean.TRUE) == null;
        }
        if (!first || sharedRated == null) {
            return Future.succeededFuture(first);
        }
        return guard.call("feedback rated put", () -> sharedRated.compose(m -> m.putIfAbsent(requestId, Boolean.TRUE, 2 * ttlMs))
                .map(previous -> previous == null), () -> Future.succeededFuture(true));
    }
}
