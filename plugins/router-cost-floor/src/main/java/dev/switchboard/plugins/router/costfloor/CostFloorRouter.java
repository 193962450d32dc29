package dev.switchboard.plugins.router.costfloor;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Orders the candidates that can serve a request by its estimated cost, cheapest first, and keeps
 * the cheapest plus {@code fallbacks} more.
 *
 * <p>A candidate can serve a request when it has every capability the request needs (vision for
 * images, tools for function tools, json for JSON mode), any requested {@code max_tokens} is within
 * its maximum output, and the estimated input plus the output tokens (requested, else the expected
 * output capped at the model's maximum) fit its context window. The estimated cost is input tokens
 * times input price plus output tokens (requested, else expected) times output price. Equal costs
 * keep the candidate order.
 *
 * <p>When no candidate can serve the request, every candidate is returned, cheapest first: the
 * engine's capability filter then answers with its detailed 400 rather than this router guessing.
 * Immutable, so safe to call from every event loop at once.
 */
final class CostFloorRouter implements Router {

    private static final Comparator<Scored> CHEAPEST_FIRST =
            Comparator.comparingDouble(Scored::cost).thenComparingInt(Scored::order);
    private static final MathContext THREE_DIGITS = new MathContext(3);

    private final List<ModelDescriptor> candidates;
    private final int expectedOutputTokens;
    private final int chainLength;
    private final String note;

    /** A candidate with its position and the estimated cost of this request. */
    private record Scored(ModelDescriptor model, int order, double cost) {
    }

    /**
     * @param candidates           priced models passing the price filters, in tie-break order
     * @param expectedOutputTokens output tokens assumed when the request sets no {@code max_tokens}
     * @param fallbacks            how many next-cheapest models follow the cheapest
     * @param unpricedSkipped      catalog models skipped for lack of a price, said in every reason
     */
    CostFloorRouter(List<ModelDescriptor> candidates, int expectedOutputTokens, int fallbacks, int unpricedSkipped) {
        this.candidates = List.copyOf(candidates);
        this.expectedOutputTokens = expectedOutputTokens;
        this.chainLength = (int) Math.min(1L + fallbacks, Integer.MAX_VALUE);
        this.note = unpricedSkipped == 0 ? "" : "; " + unpricedSkipped + " unpriced skipped";
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        RequestFeatures features = request.features();
        Set<Capability> needs = needs(features);
        List<ModelDescriptor> capable = new ArrayList<>(candidates.size());
        List<Integer> order = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            ModelDescriptor model = candidates.get(i);
            if (model.capabilities().containsAll(needs) && fits(model, features)) {
                capable.add(model);
                order.add(i);
            }
        }
        if (capable.isEmpty()) {
            return noneCapable(features, needs);
        }
        String costLabel = "estimated-cost";
        String est = " est=$";
        List<Scored> ranked = null;
        if (!features.tokensCounted()) {
            // Costs are linear in the input tokens: an order that is the same at both ends of the
            // cheap token bounds is the order everywhere between, so BPE (~60 µs/KB) is not needed.
            List<Scored> atFloor = ranked(capable, order, features.inputTokenFloor(), features);
            List<Scored> atBound = ranked(capable, order, features.inputTokenBound(), features);
            if (sameHead(atFloor, atBound)) {
                ranked = atBound;
                costLabel = "estimated-cost-max";
                est = " est<=$";
            }
        }
        if (ranked == null) {
            ranked = ranked(capable, order, features.estimatedInputTokens(), features);
        }
        Scored cheapest = ranked.get(0);
        String cost = usd(cheapest.cost());
        String reason = "cost-floor cheapest=" + cheapest.model().id() + est + cost + " of " + ranked.size()
                + " capable" + (needs.isEmpty() ? "" : " (needs " + names(needs) + ")") + note;
        return new RoutingDecision(ids(ranked, chainLength), reason, Map.of(costLabel, cost));
    }

    /** The models scored for the given input tokens, cheapest first. */
    private List<Scored> ranked(List<ModelDescriptor> models, List<Integer> order, long inputTokens, RequestFeatures features) {
        List<Scored> scored = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            scored.add(score(models.get(i), order.get(i), inputTokens, features));
        }
        scored.sort(CHEAPEST_FIRST);
        return scored;
    }

    /** Whether both orders agree on the models the decision returns. */
    private boolean sameHead(List<Scored> a, List<Scored> b) {
        for (int i = 0; i < a.size() && i < chainLength; i++) {
            if (a.get(i).model() != b.get(i).model()) {
                return false;
            }
        }
        return true;
    }

    /** Every candidate by cost, so the engine's filter reports what is missing. */
    private RoutingDecision noneCapable(RequestFeatures features, Set<Capability> needs) {
        List<Scored> all = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            all.add(score(candidates.get(i), i, features.estimatedInputTokens(), features));
        }
        all.sort(CHEAPEST_FIRST);
        String reason = "cost-floor: no candidate satisfies (needs " + (needs.isEmpty() ? "text" : names(needs)) + "; "
                + features.estimatedInputTokens() + "+" + features.outputTokensOr(expectedOutputTokens)
                + " tokens); all " + all.size() + " by cost for the engine's filter" + note;
        return new RoutingDecision(ids(all, all.size()), reason, Map.of("estimated-cost", usd(all.get(0).cost())));
    }

    private Scored score(ModelDescriptor model, int order, long inputTokens, RequestFeatures features) {
        int output = features.outputTokensOr(expectedOutputTokens);
        return new Scored(model, order, model.estimateCost(inputTokens, output));
    }

    /** Whether the requested output and the whole request fit the model. */
    private boolean fits(ModelDescriptor model, RequestFeatures features) {
        Integer requested = features.requestedMaxOutputTokens();
        if (requested != null && requested > model.maxOutputTokens()) {
            return false;
        }
        int output = requested != null ? requested : Math.min(expectedOutputTokens, model.maxOutputTokens());
        return features.inputFits((long) model.contextWindow() - output);
    }

    private static Set<Capability> needs(RequestFeatures features) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        if (features.hasImages()) {
            needs.add(Capability.VISION);
        }
        if (features.hasTools()) {
            needs.add(Capability.TOOLS);
        }
        if (features.wantsJson()) {
            needs.add(Capability.JSON);
        }
        return needs;
    }

    private static String names(Set<Capability> needs) {
        return needs.stream().map(Capability::configName).collect(Collectors.joining(","));
    }

    private static List<String> ids(List<Scored> scored, int limit) {
        List<String> ids = new ArrayList<>(Math.min(limit, scored.size()));
        for (int i = 0; i < scored.size() && i < limit; i++) {
            ids.add(scored.get(i).model().id());
        }
        return ids;
    }

    /** Three significant digits, plain notation: {@code 0.000206}, {@code 1.23}, {@code 0}. */
    static String usd(double cost) {
        return BigDecimal.valueOf(cost).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }
}
