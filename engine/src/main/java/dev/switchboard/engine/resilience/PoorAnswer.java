package dev.switchboard.engine.resilience;

import dev.switchboard.spi.chat.Usage;
import java.util.List;

/**
 * An answer that showed one of its route's poor-result signals ({@code routes.<name>.escalation}):
 * the upstream answered (no breaker counts it as a failure), but the engine re-asked the next
 * candidate, or served it as it is when no escalation was left.
 *
 * @param signal    the signal it showed ({@code empty}, {@code truncated}, {@code invalid-tool-call}, {@code refusal})
 * @param provider  the provider of the model that gave it
 * @param usage     its usage with its cost, or null when the upstream reported none
 * @param cost      its USD cost, or null when unknown
 * @param escalated whether the engine moved on from it (its usage and cost then add to the request's);
 *                  false for the poor answer served as it is (its usage is the request's own)
 */
public record PoorAnswer(String signal, String provider, Usage usage, Double cost, boolean escalated) {

    /** This answer, served as it is: no escalation was left. */
    public PoorAnswer served() {
        return new PoorAnswer(signal, provider, usage, cost, false);
    }

    /** The usage of the answers escalated away from among {@code attempts}, added to {@code served}'s (either may be null). */
    public static Usage totalUsage(Usage served, List<Attempt> attempts) {
        Usage total = served;
        for (int i = 0; i < attempts.size(); i++) {
            PoorAnswer p = attempts.get(i).poor();
            if (p != null && p.escalated() && p.usage() != null) {
                Usage u = p.usage();
                total = total == null ? u : new Usage(total.promptTokens() + u.promptTokens(),
                        total.completionTokens() + u.completionTokens(), total.cachedTokens() + u.cachedTokens(),
                        total.cost() == null || u.cost() == null ? null : total.cost() + u.cost());
            }
        }
        return total;
    }

    /**
     * The cost of the answers escalated away from among {@code attempts}, added to {@code served}'s;
     * null only when no part has a known cost (an unpriced part is left out rather than made 0).
     */
    public static Double totalCost(Double served, List<Attempt> attempts) {
        Double total = served;
        for (int i = 0; i < attempts.size(); i++) {
            PoorAnswer p = attempts.get(i).poor();
            if (p != null && p.escalated() && p.cost() != null) {
                total = total == null ? p.cost() : total + p.cost();
            }
        }
        return total;
    }
}
