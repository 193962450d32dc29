package dev.switchboard.quality;

import java.util.List;

/**
 * A baseline, not a router: answers each prompt's own labels and the {@code auto} route's model for
 * the labelled tier. Its cost is what a perfect tier classifier would spend with the default tiers,
 * the floor the real routers' "cost vs always premium" should be read against.
 */
public final class LabelOracle implements Subject {
    private final DefaultRoutes routes;
    private final String tierRoute;

    /** @param tierRoute the route whose {@code tiers} give each tier's model, e.g. {@code auto} */
    public LabelOracle(DefaultRoutes routes, String tierRoute) {
        this.routes = routes;
        this.tierRoute = tierRoute;
    }

    @Override
    public String name() {
        return "oracle (labels, " + tierRoute + " tiers)";
    }

    @Override
    public List<String> categories() {
        return Labels.CATEGORIES;
    }

    @Override
    public List<String> tiers() {
        return routes.keys(tierRoute, "tiers");
    }

    @Override
    public Verdict decide(EvalItem item) {
        return new Verdict(item.category(), item.tier(), routes.firstModel(tierRoute, "tiers", item.tier()), -1, -1);
    }
}
