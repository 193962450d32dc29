package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The A/B table of {@code /v1/stats}: one row per route, category, tier, weighted-router arm and
 * model, with the requests served (count, cost, latency) and the ratings they got. Rows are keyed by
 * config-bounded values (routes, router labels, catalog models); beyond {@value #MAX_ROWS} rows new
 * combinations are counted in one row whose fields are all {@value #OTHER}. A rating counts on the
 * node that took it, a request on the node that served it: a node's table may show ratings without
 * requests, the cluster's sums both.
 */
public final class FeedbackStats {
    /** The most rows kept. */
    static final int MAX_ROWS = 1000;
    /** Every field of the overflow row. */
    static final String OTHER = "other";
    private static final Row OVERFLOW = new Row(OTHER, OTHER, OTHER, OTHER, OTHER);

    private final Map<Row, FeedbackRow> rows = new ConcurrentHashMap<>();
    private final Map<String, FeedbackRow> byModel = new ConcurrentHashMap<>();
    private final Map<String, FeedbackRow> byRoute = new ConcurrentHashMap<>();

    /** The key of one row (fields null when they do not apply). */
    record Row(String route, String category, String tier, String arm, String model) {
        static Row of(JsonObject j) {
            return new Row(j.getString("route"), j.getString("category"), j.getString("tier"), j.getString("arm"), j.getString("model"));
        }

        JsonObject toJson() {
            return new JsonObject().put("route", route).put("category", category).put("tier", tier).put("arm", arm).put("model", model);
        }
    }

    /** Counts a served request (a routed one: direct model calls have their own figures in {@code models}). */
    void served(RequestRecord r) {
        if (r.model() == null || r.status() != 200 || r.route() == null) {
            return;
        }
        Map<String, String> labels = r.labels();
        row(new Row(r.route(), labels.get("category"), labels.get("tier"), labels.get(RatedRequest.ARM_LABEL), r.model()))
                .served(r.totalCost(), r.latencyMs());
    }

    /**
     * Counts a rating of a request.
     *
     * @param thumbs {@code up}, {@code down}, or null for a score
     */
    public void rated(RatedRequest q, double score, String thumbs) {
        row(new Row(q.route(), q.category(), q.tier(), q.arm(), q.model())).rated(score, thumbs);
        byModel.computeIfAbsent(q.model(), k -> new FeedbackRow()).rated(score, thumbs);
        if (q.route() != null) {
            byRoute.computeIfAbsent(q.route(), k -> new FeedbackRow()).rated(score, thumbs);
        }
    }

    /** The mean score of a model's rated answers on this node, or null before the first. */
    Double modelQuality(String model) {
        FeedbackRow r = byModel.get(model);
        return r == null ? null : r.meanScore();
    }

    /** The mean score of a route's rated answers on this node, or null before the first. */
    Double routeQuality(String route) {
        FeedbackRow r = byRoute.get(route);
        return r == null ? null : r.meanScore();
    }

    private FeedbackRow row(Row key) {
        FeedbackRow row = rows.get(key);
        if (row != null) {
            return row;
        }
        return rows.size() >= MAX_ROWS ? rows.computeIfAbsent(OVERFLOW, k -> new FeedbackRow()) : rows.computeIfAbsent(key, k -> new FeedbackRow());
    }

    /** {@code {"rows": [{route, category, tier, arm, model, requests, ..., mean_score, thumbs_up, thumbs_down}]}}, sorted. */
    public JsonObject toJson() {
        JsonArray out = new JsonArray();
        sorted().forEach(e -> out.add(e.getKey().toJson().mergeIn(e.getValue().toJson())));
        return new JsonObject().put("rows", out);
    }

    /** The raw rows for a cluster-wide sum: {@code {"rows": [{route, ..., model, <raw sums>}]}}. */
    public JsonObject export() {
        JsonArray out = new JsonArray();
        sorted().forEach(e -> out.add(e.getKey().toJson().mergeIn(e.getValue().export())));
        return new JsonObject().put("rows", out);
    }

    /** Adds another node's {@link #export()}. */
    void absorb(JsonObject exported) {
        JsonArray in = exported.getJsonArray("rows", new JsonArray());
        for (int i = 0; i < in.size(); i++) {
            JsonObject j = in.getJsonObject(i);
            row(Row.of(j)).absorb(j);
        }
    }

    private List<Map.Entry<Row, FeedbackRow>> sorted() {
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        List<Map.Entry<Row, FeedbackRow>> list = new ArrayList<>(rows.entrySet());
        list.sort(Comparator.comparing((Map.Entry<Row, FeedbackRow> e) -> e.getKey().route(), nullsFirst)
                .thenComparing(e -> e.getKey().category(), nullsFirst).thenComparing(e -> e.getKey().tier(), nullsFirst)
                .thenComparing(e -> e.getKey().arm(), nullsFirst).thenComparing(e -> Objects.toString(e.getKey().model())));
        return list;
    }
}
