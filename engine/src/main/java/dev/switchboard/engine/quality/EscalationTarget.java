package dev.switchboard.engine.quality;

import dev.switchboard.config.SwitchboardConfig.Escalation;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;
import java.util.logging.Logger;

/**
 * Which later candidate of the plan a poor answer is asked again of: {@code escalation.to}.
 *
 * <p>{@code next} is the next candidate. {@code stronger} is the first later candidate that is
 * stronger than the model that answered poorly, strength judged by the catalog's price (output
 * price, then input price): tier routers list the chosen tier's models and then every stronger
 * tier's, so a poor budget answer skips the same-priced budget peers and reaches the next tier.
 * When no later candidate is stronger, the next candidate is asked all the same: the signals are
 * answers a client cannot use (empty, cut short, a broken tool call, a refusal), and a peer's try
 * beats serving one; so {@code to} changes which candidate is asked, never whether one is.
 *
 * <p>Stateless: it runs on the event loop, once per poor answer.
 */
public final class EscalationTarget {
    private static final Logger LOG = Logger.getLogger(EscalationTarget.class.getName());

    private EscalationTarget() {
    }

    /**
     * The index of the candidate to ask after the one at {@code poor} answered poorly, or -1 when
     * no candidate is left after it.
     *
     * @param to {@link Escalation#STRONGER} or {@link Escalation#NEXT}
     */
    public static int after(List<ModelDescriptor> candidates, int poor, String to) {
        int next = poor + 1;
        if (next >= candidates.size()) {
            return -1;
        }
        if (Escalation.STRONGER.equals(to)) {
            ModelDescriptor weak = candidates.get(poor);
            for (int i = next; i < candidates.size(); i++) {
                if (stronger(candidates.get(i), weak)) {
                    logSkipped(candidates, poor, i);
                    return i;
                }
            }
        }
        return next;
    }

    /** The peers passed over are not attempts: a debug line is all that tells of them. */
    private static void logSkipped(List<ModelDescriptor> candidates, int poor, int target) {
        if (target > poor + 1) {
            LOG.fine(() -> "escalation from " + candidates.get(poor).id() + " to " + candidates.get(target).id() + " skipped "
                    + candidates.subList(poor + 1, target).stream().map(ModelDescriptor::id).toList() + ": not stronger");
        }
    }

    /**
     * Whether {@code candidate} is stronger than {@code weak}, judged by price: a higher output
     * price, or the same output price and a higher input price; same prices are peers.
     *
     * <p>A model without a price (input or output unknown) is neither stronger nor weaker, so:
     * when the poor model has none, every later candidate counts as stronger (there is nothing to
     * compare, and the route's order, strongest last, is all there is to go by); a candidate without
     * one counts as stronger only than a free model (nothing is cheaper than free), never than a
     * priced one: it may be a small local model as well as a premium one, so {@code stronger}
     * bets the re-ask on a model whose price shows it is stronger, and reaches the unpriced one
     * only as the next candidate when none is left.
     */
    public static boolean stronger(ModelDescriptor candidate, ModelDescriptor weak) {
        if (!weak.priced()) {
            return true;
        }
        if (!candidate.priced()) {
            return weak.free();
        }
        int byOutput = Double.compare(candidate.outputPrice(), weak.outputPrice());
        return byOutput > 0 || byOutput == 0 && Double.compare(candidate.inputPrice(), weak.inputPrice()) > 0;
    }
}
