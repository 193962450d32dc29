package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.AttemptPlan;
import dev.switchboard.engine.resilience.Rejection;
import dev.switchboard.engine.routing.RoutingLedger;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The routing outcome for one request: which models to try, in order, and why.
 *
 * @param route      the route name, or null for a direct model call
 * @param router     the router id, or null
 * @param reason     the decision reason
 * @param labels     router labels (category, tier)
 * @param candidates models to try, primary first, after filtering
 * @param rejected   candidates dropped, with reasons
 * @param features   the request features
 * @param routing    what routing spent and whether a fallback decided; null for a pure router that decided itself
 */
public record RoutePlan(String route, String router, String reason, Map<String, String> labels,
                        List<ModelDescriptor> candidates, List<Rejection> rejected, RequestFeatures features, RoutingLedger routing)
        implements AttemptPlan {

    /** A plan without routing cost or fallback. */
    public RoutePlan(String route, String router, String reason, Map<String, String> labels,
                     List<ModelDescriptor> candidates, List<Rejection> rejected, RequestFeatures features) {
        this(route, router, reason, labels, candidates, rejected, features, null);
    }

    /** Output tokens assumed when the request sets no max_tokens (capped by the model's max output). */
    static final int DEFAULT_EXPECTED_OUTPUT = 512;

    /**
     * The estimated USD cost of the request on {@code m}: estimated input tokens plus the requested
     * output (else {@value #DEFAULT_EXPECTED_OUTPUT}, capped by the model); NaN when a price is unknown.
     */
    static double estimatedCost(ModelDescriptor m, RequestFeatures f) {
        return m.estimateCost(f.estimatedInputTokens(), f.outputTokensOr(Math.min(m.maxOutputTokens(), DEFAULT_EXPECTED_OUTPUT)));
    }

    /** The explanation JSON of {@code POST /v1/route}. */
    public JsonObject toJson() {
        JsonArray cands = new JsonArray();
        for (ModelDescriptor m : candidates) {
            double cost = estimatedCost(m, features);
            cands.add(new JsonObject().put("model", m.id()).put("provider", m.provider())
                    .put("estimated_cost_usd", Double.isNaN(cost) ? null : cost));
        }
        JsonArray rej = new JsonArray();
        rejected.forEach(r -> rej.add(new JsonObject().put("model", r.model()).put("reason", r.reason()).put("kind", r.kind())));
        JsonObject json = new JsonObject()
                .put("route", route).put("router", router)
                .put("model", candidates.isEmpty() ? null : candidates.get(0).id())
                .put("reason", reason).put("labels", new JsonObject(Map.copyOf(labels)))
                .put("candidates", cands).put("rejected", rej)
                .put("features", new JsonObject()
                        .put("has_images", features.hasImages()).put("image_count", features.imageCount())
                        .put("has_tools", features.hasTools()).put("wants_json", features.wantsJson())
                        .put("streaming", features.streaming()).put("estimated_input_tokens", features.estimatedInputTokens())
                        .put("requested_max_output_tokens", features.requestedMaxOutputTokens()));
        return routing == null ? json : json.put("routing", routing.report().toJson());
    }
}
