package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.PoorAnswer;
import dev.switchboard.engine.routing.RoutingReport;
import dev.switchboard.spi.chat.Usage;
import java.util.List;
import java.util.Map;

/**
 * What happened to one request, handed to every {@link RequestObserver} when it ends.
 *
 * @param requestId   unique id (also sent as {@code x-request-id})
 * @param startedAt   epoch millis
 * @param route       route name, or null for a direct model call
 * @param router      router id, or null
 * @param reason      the routing reason, or null when planning failed
 * @param labels      router labels
 * @param model       the catalog model that served, or null when none did
 * @param provider    its provider, or null
 * @param attempts    every upstream attempt in order, with the candidates passed over without a call
 *                    ({@link Attempt#skipped()}) where the run reached them
 * @param latencyMs   until the response (streams: until the end of the stream)
 * @param firstTokenMs streams: until the first content chunk; else null
 * @param usage       usage of the serving model's answer, or null ({@link #totalUsage()} adds the poor
 *                    answers escalated from)
 * @param cost        USD cost of the serving model's answer, or null when unknown ({@link #totalCost()} adds
 *                    the poor answers escalated from)
 * @param status      HTTP-equivalent status answered (200, or the error's)
 * @param errorCode   the error code when status is not 200, else null
 * @param stream      whether the client streamed
 * @param keyName     the name of the API key the caller authenticated with, or null. Only that,
 *                    not the caller's whole metadata: the decision ring keeps a thousand records,
 *                    and every object they hold is copied by each young GC (a header map per
 *                    record took young pauses from 0.75 to 3.4 ms in the load benchmark)
 * @param routing     the routing cost and fallback of a blocking or asynchronous router, or of a
 *                    fallback that decided; null for a pure router that decided itself
 */
public record RequestRecord(String requestId, long startedAt, String route, String router, String reason,
                            Map<String, String> labels, String model, String provider, List<Attempt> attempts,
                            long latencyMs, Long firstTokenMs, Usage usage, Double cost, int status, String errorCode,
                            boolean stream, String keyName, RoutingReport routing) {

    /** A record without routing cost or fallback. */
    public RequestRecord(String requestId, long startedAt, String route, String router, String reason,
                         Map<String, String> labels, String model, String provider, List<Attempt> attempts,
                         long latencyMs, Long firstTokenMs, Usage usage, Double cost, int status, String errorCode,
                         boolean stream, String keyName) {
        this(requestId, startedAt, route, router, reason, labels, model, provider, attempts, latencyMs, firstTokenMs, usage, cost,
                status, errorCode, stream, keyName, null);
    }

    /**
     * What the request used: the serving answer's usage plus that of every poor answer it was
     * escalated from ({@link Attempt#poor()}); what a key's token limit and the route's figures count.
     */
    public Usage totalUsage() {
        return PoorAnswer.totalUsage(usage, attempts);
    }

    /** What the request cost: the serving answer's plus every poor answer's it was escalated from; null when none is known. */
    public Double totalCost() {
        return PoorAnswer.totalCost(cost, attempts);
    }

    /**
     * Models given up on: every model among the attempts (calls and candidates passed over) but the
     * one that served (all of them when none did).
     */
    public long fallbacks() {
        return distinctModels(false) - (model == null ? 0 : 1);
    }

    /** Retries: upstream calls beyond the first on the same model (candidates passed over are not calls). */
    public long retries() {
        long calls = 0;
        for (int i = 0; i < attempts.size(); i++) {
            calls += attempts.get(i).skipped() ? 0 : 1;
        }
        return calls - distinctModels(true);
    }

    /** Distinct models among the attempts, or among the calls (a handful at most: a loop, not a stream, on every request). */
    private int distinctModels(boolean callsOnly) {
        int distinct = 0;
        for (int i = 0; i < attempts.size(); i++) {
            if (callsOnly && attempts.get(i).skipped()) {
                continue;
            }
            String m = attempts.get(i).model();
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) {
                seen = (!callsOnly || !attempts.get(j).skipped()) && attempts.get(j).model().equals(m);
            }
            distinct += seen ? 0 : 1;
        }
        return distinct;
    }
}
