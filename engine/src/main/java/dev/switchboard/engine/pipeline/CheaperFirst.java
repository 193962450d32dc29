package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.Rejection;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts a route's candidates cheapest first, for a key past its {@code prefer-cheaper-at} share of
 * its budget, and says what that moved: the router's first choice, when it is no longer first, is
 * listed as a {@code budget} rejection (still a candidate, further back), and every rejected
 * candidate takes the place it would have had in the cheapest-first order.
 */
final class CheaperFirst {
    private CheaperFirst() {
    }

    /**
     * @param catalog the catalog, for the prices of the rejected candidates
     */
    static void reorder(List<ModelDescriptor> candidates, List<Rejection> rejected, Map<String, ModelDescriptor> catalog,
                        RequestFeatures features) {
        if (candidates.isEmpty()) {
            return;
        }
        ModelDescriptor routersChoice = candidates.get(0);
        Comparator<ModelDescriptor> cheapest = Comparator.comparingDouble(m -> cost(m, features));
        candidates.sort(cheapest);
        for (int i = 0; i < rejected.size(); i++) {
            double c = cost(catalog.get(rejected.get(i).model()), features);
            int place = 0;
            while (place < candidates.size() && cost(candidates.get(place), features) <= c) {
                place++;
            }
            rejected.set(i, rejected.get(i).at(place));
        }
        rejected.sort(Comparator.comparingInt(Rejection::position));
        if (candidates.get(0) != routersChoice) {
            rejected.add(0, new Rejection(routersChoice.id(), "the router's choice, moved behind cheaper candidates: the key is past "
                    + "its prefer-cheaper-at share of its budget", "budget", 0));
        }
    }

    /** The estimate {@code /v1/route} shows; an unknown price sorts last. */
    private static double cost(ModelDescriptor m, RequestFeatures f) {
        double c = RoutePlan.estimatedCost(m, f);
        return Double.isNaN(c) ? Double.MAX_VALUE : c;
    }
}
