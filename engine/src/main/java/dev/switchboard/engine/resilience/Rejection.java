package dev.switchboard.engine.resilience;

/**
 * A candidate dropped before any call, and why.
 *
 * @param model    the catalog model id
 * @param reason   e.g. {@code no vision capability}
 * @param kind     a short tag: {@code capability}, {@code context}, {@code credentials}, {@code breaker},
 *                 or {@code budget} (the router's first choice moved behind cheaper candidates, still
 *                 a candidate)
 * @param position where it stood in the route's order: the index of the candidate it came before
 *                 (the number of candidates ahead of it), so that the attempt loop lists it only when
 *                 it gets that far
 */
public record Rejection(String model, String reason, String kind, int position) {

    /** A rejection whose position is not known yet (0). */
    public Rejection(String model, String reason, String kind) {
        this(model, reason, kind, 0);
    }

    /** This rejection standing before candidate {@code index}. */
    public Rejection at(int index) {
        return new Rejection(model, reason, kind, index);
    }

    /** The attempt that lists this skip in the decision log, headers and metrics. */
    public Attempt attempt() {
        return Attempt.skip(model, switch (kind) {
            case "breaker" -> Attempt.BREAKER_OPEN;
            case "context", "capability" -> Attempt.CAPABILITY;
            case "budget" -> Attempt.BUDGET;
            default -> kind;
        });
    }
}
