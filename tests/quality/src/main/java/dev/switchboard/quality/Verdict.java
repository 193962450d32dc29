package dev.switchboard.quality;

/**
 * What a router under test decided for one prompt.
 *
 * @param category the category it chose, or null when it does not classify by category
 * @param tier     the tier it chose, or null when it does not grade difficulty
 * @param model    the primary model of its answer (the one the cost is counted against)
 * @param nanos    wall time the decision took, features included, or -1 when not timed (a baseline)
 * @param cpuNanos CPU time of the deciding thread over the decision, or -1 when not measured;
 *                 unlike wall time it does not grow when other processes share the cores
 */
public record Verdict(String category, String tier, String model, long nanos, long cpuNanos) {

    /** A verdict without a CPU time. */
    public Verdict(String category, String tier, String model, long nanos) {
        this(category, tier, model, nanos, -1);
    }
}
