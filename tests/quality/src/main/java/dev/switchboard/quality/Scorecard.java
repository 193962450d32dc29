package dev.switchboard.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one router over the evaluation set. Fill with {@link #add}, then read. */
public final class Scorecard {
    private final Subject subject;
    private final CostModel costs;
    private final String premiumModel;
    private final Map<String, Map<String, Integer>> categoryConfusion = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> tierConfusion = new LinkedHashMap<>();
    private final List<Long> nanos = new ArrayList<>();
    private final List<Long> cpuNanos = new ArrayList<>();
    /** Source dataset -> {prompts, category right, tier right}. */
    private final Map<String, int[]> bySource = new LinkedHashMap<>();
    private int items;
    private int categoryCorrect;
    private int inScope;
    private int inScopeCorrect;
    private int tierCorrect;
    private int hard;
    private int hardToBudget;
    private int easy;
    private int easyToPremium;
    private double cost;
    private double premiumCost;

    /**
     * @param premiumModel the model "always premium" would send every prompt to
     */
    public Scorecard(Subject subject, CostModel costs, String premiumModel) {
        this.subject = subject;
        this.costs = costs;
        this.premiumModel = premiumModel;
        Labels.CATEGORIES.forEach(c -> categoryConfusion.put(c, new LinkedHashMap<>()));
        Labels.TIERS.forEach(t -> tierConfusion.put(t, new LinkedHashMap<>()));
    }

    /** Counts one decision against the item's labels. */
    public void add(EvalItem item, Verdict v) {
        items++;
        if (v.nanos() >= 0) {
            nanos.add(v.nanos());
        }
        if (v.cpuNanos() >= 0) {
            cpuNanos.add(v.cpuNanos());
        }
        int[] src = bySource.computeIfAbsent(item.source().getString("dataset", "?"), k -> new int[3]);
        src[0]++;
        src[1] += item.category().equals(v.category()) ? 1 : 0;
        src[2] += item.tier().equals(v.tier()) ? 1 : 0;
        cost += costs.cost(v.model(), item);
        premiumCost += costs.cost(premiumModel, item);
        if (!subject.categories().isEmpty()) {
            categoryConfusion.get(item.category()).merge(String.valueOf(v.category()), 1, Integer::sum);
            boolean ok = item.category().equals(v.category());
            categoryCorrect += ok ? 1 : 0;
            if (subject.categories().contains(item.category())) {
                inScope++;
                inScopeCorrect += ok ? 1 : 0;
            }
        }
        if (!subject.tiers().isEmpty()) {
            tierConfusion.get(item.tier()).merge(String.valueOf(v.tier()), 1, Integer::sum);
            tierCorrect += item.tier().equals(v.tier()) ? 1 : 0;
            if (Labels.hard(item.tier())) {
                hard++;
                hardToBudget += "budget".equals(v.tier()) ? 1 : 0;
            }
            if (Labels.easy(item.tier())) {
                easy++;
                easyToPremium += "premium".equals(v.tier()) ? 1 : 0;
            }
        }
    }

    public Subject subject() {
        return subject;
    }

    public int items() {
        return items;
    }

    /** Share of all prompts put in their labelled category. */
    public double categoryAccuracy() {
        return ratio(categoryCorrect, items);
    }

    /** The same over the prompts whose labelled category the router defines. */
    public double inScopeCategoryAccuracy() {
        return ratio(inScopeCorrect, inScope);
    }

    public int inScope() {
        return inScope;
    }

    /** Labelled category -> chosen category ("null" when none) -> count. */
    public Map<String, Map<String, Integer>> categoryConfusion() {
        return categoryConfusion;
    }

    /** Source dataset -> {prompts, category right, tier right}: which kinds of prompt a router gets wrong. */
    public Map<String, int[]> bySource() {
        return bySource;
    }

    /** Labelled tier -> chosen tier -> count. */
    public Map<String, Map<String, Integer>> tierConfusion() {
        return tierConfusion;
    }

    public double tierAccuracy() {
        return ratio(tierCorrect, items);
    }

    /** Share of standard/premium-labelled prompts sent to the budget tier. */
    public double hardToBudgetRate() {
        return ratio(hardToBudget, hard);
    }

    /** Share of budget/mid-labelled prompts sent to the premium tier. */
    public double easyToPremiumRate() {
        return ratio(easyToPremium, easy);
    }

    /** Chosen tier -> count, in tier order. */
    public Map<String, Integer> tierDistribution() {
        Map<String, Integer> d = new LinkedHashMap<>();
        subject.tiers().forEach(t -> d.put(t, 0));
        tierConfusion.values().forEach(row -> row.forEach((t, n) -> d.merge(t, n, Integer::sum)));
        return d;
    }

    /** Estimated cost of the routed prompts over the cost of sending all of them to the premium model. */
    public double costVsPremium() {
        return premiumCost == 0 ? Double.NaN : cost / premiumCost;
    }

    public double cost() {
        return cost;
    }

    public double premiumCost() {
        return premiumCost;
    }

    /** Decision wall-time percentile in microseconds (p in 0..100). */
    public double micros(double p) {
        return percentile(nanos, p);
    }

    /** Decision CPU-time percentile in microseconds (p in 0..100), NaN when not measured. */
    public double cpuMicros(double p) {
        return percentile(cpuNanos, p);
    }

    private static double percentile(List<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    private static double ratio(int n, int d) {
        return d == 0 ? Double.NaN : (double) n / d;
    }
}
