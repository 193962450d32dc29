package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.Attempt;
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
 * @param attempts    every upstream attempt in order
 * @param latencyMs   until the response (streams: until the end of the stream)
 * @param firstTokenMs streams: until the first content chunk; else null
 * @param usage       usage of the serving model, or null
 * @param cost        USD cost, or null when unknown
 * @param status      HTTP-equivalent status answered (200, or the error's)
 * @param errorCode   the error code when status is not 200, else null
 * @param stream      whether the client streamed
 * @param caller      caller metadata (lower-cased header names; {@code key-name} when authenticated)
 */
public record RequestRecord(String requestId, long startedAt, String route, String router, String reason,
                            Map<String, String> labels, String model, String provider, List<Attempt> attempts,
                            long latencyMs, Long firstTokenMs, Usage usage, Double cost, int status, String errorCode,
                            boolean stream, Map<String, String> caller) {

    /** Attempts that failed before the one that served (or all of them when none served). */
    public long fallbacks() {
        return attempts.stream().map(Attempt::model).distinct().count() - (model == null ? 0 : 1);
    }

    /** Retries: attempts beyond the first on the same model. */
    public long retries() {
        return attempts.size() - attempts.stream().map(Attempt::model).distinct().count();
    }
}
