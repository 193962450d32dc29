package dev.switchboard.engine.routing;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fallback of a route that configures no {@code fallback-router}: every chat model of the
 * catalog, cheapest first for this request (estimated input tokens plus its max_tokens, else 512
 * output tokens); models without a price come last, in config order. The planner then drops those
 * that cannot serve the request, as for any decision. Pure: it never fails while the catalog has
 * a chat model.
 */
final class CheapestModels implements Router {
    /** Output tokens assumed when the request sets no max_tokens (as {@code /v1/route}'s estimates). */
    private static final int EXPECTED_OUTPUT = 512;
    static final String NAME = "cheapest-catalog-models";

    @Override
    public RoutingDecision route(RoutingRequest request) {
        RequestFeatures f = request.features();
        List<ModelDescriptor> chat = new ArrayList<>();
        for (ModelDescriptor m : request.catalog().values()) {
            if (!m.can(Capability.EMBEDDINGS)) {
                chat.add(m);
            }
        }
        chat.sort(Comparator.comparingDouble(m -> {
            double c = m.estimateCost(f.estimatedInputTokens(), f.outputTokensOr(Math.min(m.maxOutputTokens(), EXPECTED_OUTPUT)));
            return Double.isNaN(c) ? Double.MAX_VALUE : c;
        }));
        return RoutingDecision.of(chat.stream().map(ModelDescriptor::id).toList(), "cheapest catalog models first");
    }
}
