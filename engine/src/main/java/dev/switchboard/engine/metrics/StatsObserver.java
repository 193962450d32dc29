package dev.switchboard.engine.metrics;

import dev.switchboard.engine.pipeline.RequestObserver;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.spi.routing.RoutingStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures of {@code GET /v1/stats}: per model, per route, direct calls and the node's total.
 * A request counts against the model that served it or, when none did, the last model called
 * (candidates passed over without a call are not counted against); a model whose poor answer a
 * request was escalated from counts that call too (a success with its tokens and cost, and one
 * {@code escalations}), while the route, key and node count the request once with every call's tokens and cost.
 * Routers read the same figures as {@link RoutingStats} (this node's, since it started), with
 * the mean feedback score as {@code quality} ({@link FeedbackStats}).
 */
public final class StatsObserver implements RequestObserver, RoutingStats {
    private final Map<String, RequestStats> models = new ConcurrentHashMap<>();
    private final Map<String, RequestStats> routes = new ConcurrentHashMap<>();
    private final Map<String, RequestStats> keys = new ConcurrentHashMap<>();   // by configured key name: bounded
    private final RequestStats direct = new RequestStats();
    private final RequestStats total = new RequestStats();
    private final FeedbackStats feedback = new FeedbackStats();
    private final long since = System.currentTimeMillis();

    @Override
    public void completed(RequestRecord r) {
        total.record(r);
        if (r.route() == null) {
            direct.record(r);
        } else {
            routes.computeIfAbsent(r.route(), k -> new RequestStats()).record(r);
        }
        if (r.keyName() != null) {
            keys.computeIfAbsent(r.keyName(), k -> new RequestStats()).record(r);
        }
        String model = modelOf(r);
        if (model != null) {
            models.computeIfAbsent(model, k -> new RequestStats()).recordServed(r);
        }
        for (int i = 0; i < r.attempts().size(); i++) {
            Attempt a = r.attempts().get(i);
            if (a.poor() != null && a.poor().escalated()) {
                models.computeIfAbsent(a.model(), k -> new RequestStats()).recordPoor(a);
            }
        }
        feedback.served(r);
    }

    /** The feedback table (ratings are counted into it by the feedback service). */
    public FeedbackStats feedback() {
        return feedback;
    }

    @Override
    public Figures model(String modelId) {
        RequestStats s = models.get(modelId);
        Double quality = feedback.modelQuality(modelId);
        return s != null ? s.figures(quality) : quality == null ? Figures.EMPTY : new Figures(0, 0, null, null, quality);
    }

    @Override
    public Figures route(String route) {
        RequestStats s = routes.get(route);
        Double quality = feedback.routeQuality(route);
        return s != null ? s.figures(quality) : quality == null ? Figures.EMPTY : new Figures(0, 0, null, null, quality);
    }

    /** The model that served, else the last one called; null when no model was called (candidates passed over do not count). */
    static String modelOf(RequestRecord r) {
        if (r.model() != null) {
            return r.model();
        }
        java.util.List<Attempt> attempts = r.attempts();
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (!attempts.get(i).skipped()) {
                return attempts.get(i).model();
            }
        }
        return null;
    }

    /**
     * This node's figures.
     *
     * @param breakers for each model's breaker state
     * @param catalog  the catalog's models, listed even before their first request
     */
    public JsonObject snapshot(BreakerRegistry breakers, Collection<String> catalog) {
        Set<String> names = modelNames(catalog);
        Map<String, String> states = new java.util.HashMap<>();
        JsonArray snapshot = breakers.snapshot(names);
        for (int i = 0; i < snapshot.size(); i++) {
            states.put(snapshot.getJsonObject(i).getString("model"), snapshot.getJsonObject(i).getString("state"));
        }
        JsonObject byModel = new JsonObject();
        for (String m : names) {
            byModel.put(m, models.getOrDefault(m, new RequestStats()).toJson().put("breaker", states.get(m)));
        }
        JsonObject byRoute = new JsonObject();
        new TreeMap<>(routes).forEach((name, s) -> byRoute.put(name, s.toJson()));
        JsonObject byKey = new JsonObject();
        new TreeMap<>(keys).forEach((name, s) -> byKey.put(name, s.toJson()));
        return new JsonObject().put("scope", "node").put("since", Instant.ofEpochMilli(since).toString())
                .put("total", total.toJson()).put("models", byModel).put("routes", byRoute).put("keys", byKey)
                .put("direct", direct.toJson()).put("feedback", feedback.toJson());
    }

    /**
     * This node's raw figures, for a cluster-wide {@link StatsSum}: {@code since}, and {@code total},
     * {@code models} (every catalog model), {@code routes}, {@code keys} (by key name) and {@code direct}, each with its counters,
     * unrounded cost and latency histogram buckets.
     *
     * @param catalog the catalog's models, listed even before their first request
     */
    public JsonObject export(Collection<String> catalog) {
        JsonObject byModel = new JsonObject();
        for (String m : modelNames(catalog)) {
            byModel.put(m, models.getOrDefault(m, new RequestStats()).export());
        }
        JsonObject byRoute = new JsonObject();
        new TreeMap<>(routes).forEach((name, s) -> byRoute.put(name, s.export()));
        JsonObject byKey = new JsonObject();
        new TreeMap<>(keys).forEach((name, s) -> byKey.put(name, s.export()));
        return new JsonObject().put("since", Instant.ofEpochMilli(since).toString())
                .put("total", total.export()).put("models", byModel).put("routes", byRoute).put("keys", byKey)
                .put("direct", direct.export()).put("feedback", feedback.export());
    }

    private Set<String> modelNames(Collection<String> catalog) {
        Set<String> names = new LinkedHashSet<>(catalog);
        names.addAll(new TreeMap<>(models).keySet());
        return names;
    }
}
