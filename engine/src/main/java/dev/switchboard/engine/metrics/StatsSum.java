package dev.switchboard.engine.metrics;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sum of several nodes' {@link StatsObserver#export} figures: counters and costs added, latency
 * histograms merged bucket by bucket so the cluster's percentiles are those of all requests (not an
 * average of the nodes' percentiles), and success rates recomputed from the sums. Not thread-safe:
 * one sum per {@code GET /v1/stats?scope=cluster}.
 */
public final class StatsSum {
    private final RequestStats total = new RequestStats();
    private final RequestStats direct = new RequestStats();
    private final Map<String, RequestStats> models = new LinkedHashMap<>();
    private final Map<String, RequestStats> routes = new LinkedHashMap<>();
    private final Map<String, RequestStats> keys = new java.util.TreeMap<>();
    private final FeedbackStats feedback = new FeedbackStats();
    private Instant since;

    /** Adds one node's export. */
    public void add(JsonObject export) {
        Instant nodeSince = Instant.parse(export.getString("since"));
        since = since == null || nodeSince.isBefore(since) ? nodeSince : since;
        total.absorb(export.getJsonObject("total"));
        direct.absorb(export.getJsonObject("direct"));
        absorbAll(models, export.getJsonObject("models"));
        absorbAll(routes, export.getJsonObject("routes"));
        if (export.getJsonObject("keys") != null) {   // absent from a node of an older version
            absorbAll(keys, export.getJsonObject("keys"));
        }
        if (export.getJsonObject("feedback") != null) {
            feedback.absorb(export.getJsonObject("feedback"));
        }
    }

    /** One node's exported totals as they read in {@code /v1/stats} (for the per-node figures of the cluster view). */
    public static JsonObject summary(JsonObject exportedTotals) {
        RequestStats s = new RequestStats();
        s.absorb(exportedTotals);
        return s.toJson();
    }

    private static void absorbAll(Map<String, RequestStats> into, JsonObject byName) {
        for (String name : byName.fieldNames()) {
            into.computeIfAbsent(name, k -> new RequestStats()).absorb(byName.getJsonObject(name));
        }
    }

    /**
     * The sums in the shape of a node's {@code /v1/stats}: {@code since} (the earliest node's start),
     * {@code total}, {@code models}, {@code routes}, {@code keys}, {@code direct}, {@code feedback}.
     */
    public JsonObject toJson() {
        JsonObject byModel = new JsonObject();
        models.forEach((name, s) -> byModel.put(name, s.toJson()));
        JsonObject byRoute = new JsonObject();
        routes.forEach((name, s) -> byRoute.put(name, s.toJson()));
        JsonObject byKey = new JsonObject();
        keys.forEach((name, s) -> byKey.put(name, s.toJson()));
        return new JsonObject().put("since", since == null ? null : since.toString()).put("total", total.toJson())
                .put("models", byModel).put("routes", byRoute).put("keys", byKey).put("direct", direct.toJson())
                .put("feedback", feedback.toJson());
    }
}
