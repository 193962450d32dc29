package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import io.vertx.core.json.JsonObject;

/**
 * What one served request was routed to, kept so that feedback on it can be counted against the
 * route, category or tier, weighted-router arm and model that answered.
 *
 * @param requestId the request id ({@code x-request-id})
 * @param route     the route asked for, or null for a direct model call
 * @param router    the route's router id, or null
 * @param category  the router's {@code category} label, or null
 * @param tier      the router's {@code tier} label, or null
 * @param arm       the weighted router's {@code target} label (the A/B arm), or null
 * @param model     the catalog model that served
 * @param costUsd   the answer's cost, or null when unpriced
 * @param latencyMs the answer's latency
 * @param keyName   the name of the client key that made the request, or null
 * @param expiresAt epoch millis after which feedback on it is refused as late
 */
public record RatedRequest(String requestId, String route, String router, String category, String tier, String arm, String model,
                           Double costUsd, long latencyMs, String keyName, long expiresAt) {

    /** The router label that names a weighted router's arm. */
    public static final String ARM_LABEL = "target";

    public RatedRequest {
        if (requestId == null || model == null) {
            throw new IllegalArgumentException("requestId and model are required");
        }
    }

    /** The entry of a served request; feedback is taken until {@code ttlMs} after it started. */
    public static RatedRequest of(RequestRecord r, long ttlMs) {
        return new RatedRequest(r.requestId(), r.route(), r.router(), r.labels().get("category"), r.labels().get("tier"),
                r.labels().get(ARM_LABEL), r.model(), r.totalCost(), r.latencyMs(), r.keyName(), r.startedAt() + ttlMs);
    }

    /** The entry as stored in the cluster-wide index. */
    public JsonObject toJson() {
        return new JsonObject().put("request_id", requestId).put("route", route).put("router", router).put("category", category)
                .put("tier", tier).put("arm", arm).put("model", model).put("cost_usd", costUsd).put("latency_ms", latencyMs)
                .put("key_name", keyName).put("expires_at", expiresAt);
    }

    /** Reads {@link #toJson()}. */
    public static RatedRequest fromJson(JsonObject j) {
        return new RatedRequest(j.getString("request_id"), j.getString("route"), j.getString("router"), j.getString("category"),
                j.getString("tier"), j.getString("arm"), j.getString("model"), j.getDouble("cost_usd"), j.getLong("latency_ms", 0L),
                j.getString("key_name"), j.getLong("expires_at", 0L));
    }
}
