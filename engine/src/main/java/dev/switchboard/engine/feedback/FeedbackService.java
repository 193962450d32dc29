package dev.switchboard.engine.feedback;

import dev.switchboard.engine.metrics.RatedRequest;
import dev.switchboard.engine.auth.Caller;
import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.metrics.FeedbackMetrics;
import dev.switchboard.engine.metrics.FeedbackStats;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Takes ratings of served requests, for {@code POST /v1/feedback} and the feedback bus address: the
 * rating is validated, the request looked up in the {@link FeedbackIndex}, and the score counted
 * against what the request was routed to ({@link FeedbackStats}, {@link FeedbackMetrics}). A request
 * is rated once; with client keys configured, only by the key that made it. The label and comment
 * are not aggregated: each rating is logged on {@value #LOGGER} at INFO, with them.
 */
public final class FeedbackService {
    /** The logger of accepted ratings. */
    public static final String LOGGER = "dev.switchboard.feedback";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final FeedbackIndex index;
    private final FeedbackStats stats;
    private final FeedbackMetrics metrics;
    private final int maxCommentChars;
    private final KeyAuthenticator keys;

    /**
     * @param maxCommentChars the longest comment ({@code feedback.max-comment-chars})
     * @param keys            who may rate: the same client keys as chat
     */
    public FeedbackService(FeedbackIndex index, FeedbackStats stats, FeedbackMetrics metrics, int maxCommentChars,
                           KeyAuthenticator keys) {
        this.keys = keys;
        this.index = index;
        this.stats = stats;
        this.metrics = metrics;
        this.maxCommentChars = maxCommentChars;
    }

    /** The client keys that authenticate a rating (HTTP and event bus alike). */
    public KeyAuthenticator keys() {
        return keys;
    }

    /**
     * Rates a request.
     *
     * @param body   the rating as sent
     * @param caller who sends it
     * @return the accepted rating ({@code object: "feedback"}), or an {@link ApiException}: 400 bad
     *         field, 403 another key's request, 404 unknown or late, 409 already rated
     */
    public Future<JsonObject> submit(JsonObject body, Caller caller) {
        FeedbackInput input;
        try {
            input = FeedbackInput.parse(body, maxCommentChars);
        } catch (ApiException e) {
            return Future.failedFuture(e);
        }
        return index.find(input.requestId()).compose(q -> check(input, q, caller))
                .compose(q -> index.claim(input.requestId()).compose(first -> first ? Future.succeededFuture(accept(input, q))
                        : Future.failedFuture(new ApiException(409, "invalid_request_error", "feedback_exists", "request_id",
                        "request '" + input.requestId() + "' has already been rated; each request takes one rating", null, null))));
    }

    private Future<RatedRequest> check(FeedbackInput input, RatedRequest q, Caller caller) {
        String id = input.requestId();
        if (q == null) {
            return Future.failedFuture(notFound("request_not_found", "no request '" + id + "' was answered within the last "
                    + index.ttlMs() + " ms (feedback.ttl-ms): it was never seen, failed, or its feedback window expired"));
        }
        if (System.currentTimeMillis() > q.expiresAt()) {
            return Future.failedFuture(notFound("feedback_expired", "request '" + id + "' can no longer be rated: its feedback window ("
                    + index.ttlMs() + " ms, feedback.ttl-ms) expired at " + Instant.ofEpochMilli(q.expiresAt())));
        }
        if (q.keyName() != null && !q.keyName().equals(caller.name())) {
            return Future.failedFuture(new ApiException(403, "permission_error", "feedback_forbidden", "request_id",
                    "request '" + id + "' was made with another API key; a key may rate only its own requests", null, null));
        }
        return Future.succeededFuture(q);
    }

    private static ApiException notFound(String code, String message) {
        return new ApiException(404, "invalid_request_error", code, "request_id", message, null, null);
    }

    private JsonObject accept(FeedbackInput input, RatedRequest q) {
        stats.rated(q, input.score(), input.thumbs());
        metrics.rated(q, input.score(), input.thumbs());
        LOG.info(() -> "feedback " + new JsonObject().put("request_id", q.requestId()).put("route", q.route()).put("model", q.model())
                .put("score", input.score()).put("thumbs", input.thumbs()).put("label", input.label()).put("comment", input.comment())
                .encode());
        return new JsonObject().put("object", "feedback").put("request_id", q.requestId()).put("score", input.score())
                .put("thumbs", input.thumbs()).put("label", input.label()).put("route", q.route()).put("category", q.category())
                .put("tier", q.tier()).put("arm", q.arm()).put("model", q.model());
    }
}
