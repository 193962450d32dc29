package dev.switchboard.quality;

/**
 * What a router under test decided for one prompt.
 *
 * @param category the category it chose, or null when it does not classify by category
 * @param tier     the tier it chose, or null when it does not grade difficulty
 * @param model    the primary model of its answer (the one the cost is counted against)
 * @param nanos    time the decision took, features included
 */
public record Verdict(String category, String tier, String model, long nanos) {
}
