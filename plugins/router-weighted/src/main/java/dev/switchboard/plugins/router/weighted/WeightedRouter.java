package dev.switchboard.plugins.router.weighted;

import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks one target by weight; the others follow as the fallback chain, heaviest first (ties keep
 * config order). Without a sticky key the pick is random ({@link ThreadLocalRandom}); with one, the
 * same key always gets the same target via {@link RendezvousHash weighted rendezvous hashing}.
 *
 * <p>Immutable; the non-sticky decisions are built once, so a random pick allocates nothing.
 */
final class WeightedRouter implements Router {

    /** Longest sticky key echoed in a reason; longer keys are cut. */
    static final int MAX_KEY_SHOWN = 32;

    /** The request field read when {@code sticky-by} is {@code user}. */
    static final String USER = "user";

    private final List<Target> targets;
    private final double[] cumulative;
    private final String stickyBy;
    private final List<RoutingDecision> unstickyDecisions;

    /** One target with its precomputed hash, share text and fallback chain. */
    private record Target(String name, double weight, long hash, String share, List<String> chain, Map<String, String> labels) {
    }

    /**
     * @param weights  target name to positive weight, in config order
     * @param stickyBy {@value #USER}, a lower-case metadata (header) name, or null for random picks
     */
    WeightedRouter(Map<String, Double> weights, String stickyBy) {
        this.stickyBy = stickyBy;
        this.targets = buildTargets(new LinkedHashMap<>(weights));
        this.cumulative = new double[targets.size()];
        double sum = 0;
        List<RoutingDecision> decisions = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            sum += t.weight();
            cumulative[i] = sum;
            String why = stickyBy == null ? "" : ", random: no " + stickyBy;
            decisions.add(new RoutingDecision(t.chain(), reason(t, why), t.labels()));
        }
        this.unstickyDecisions = List.copyOf(decisions);
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        String key = stickyKey(request);
        if (key == null) {
            return unstickyDecisions.get(randomIndex());
        }
        Target t = targets.get(stickyIndex(key));
        return new RoutingDecision(t.chain(), reason(t, ", sticky " + stickyBy + "=" + shown(key)), t.labels());
    }

    private String stickyKey(RoutingRequest request) {
        if (stickyBy == null) {
            return null;
        }
        String key = USER.equals(stickyBy) ? request.request().user() : request.metadata().get(stickyBy);
        return key == null || key.isBlank() ? null : key;
    }

    private int randomIndex() {
        double r = ThreadLocalRandom.current().nextDouble(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (r < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** The target with the highest rendezvous score for the key; ties go to the earlier target. */
    int stickyIndex(String key) {
        long keyHash = RendezvousHash.hash(key);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            double score = RendezvousHash.score(keyHash, t.hash(), t.weight());
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private static String reason(Target t, String detail) {
        return "weighted target=" + t.name() + " (weight " + t.share() + detail + ")";
    }

    private static List<Target> buildTargets(Map<String, Double> weights) {
        List<String> heaviestFirst = new ArrayList<>(weights.keySet());
        heaviestFirst.sort(Comparator.comparingDouble((String name) -> weights.get(name)).reversed());
        String total = plain(weights.values().stream().mapToDouble(Double::doubleValue).sum());
        List<Target> out = new ArrayList<>(weights.size());
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            List<String> chain = new ArrayList<>(weights.size());
            chain.add(e.getKey());
            heaviestFirst.stream().filter(n -> !n.equals(e.getKey())).forEach(chain::add);
            out.add(new Target(e.getKey(), e.getValue(), RendezvousHash.hash(e.getKey()),
                    plain(e.getValue()) + "/" + total, List.copyOf(chain), Map.of("target", e.getKey())));
        }
        return List.copyOf(out);
    }

    /** A key fit for a one-line reason (and a response header): printable ASCII, at most {@value #MAX_KEY_SHOWN} chars. */
    static String shown(String key) {
        int n = Math.min(key.length(), MAX_KEY_SHOWN);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return key.length() > MAX_KEY_SHOWN ? sb.append("...").toString() : sb.toString();
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
