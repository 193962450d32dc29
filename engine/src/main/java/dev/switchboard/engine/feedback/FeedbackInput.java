package dev.switchboard.engine.feedback;

import dev.switchboard.engine.error.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One rating as sent to {@code POST /v1/feedback} or the feedback bus address, validated: exactly one
 * of {@code score} (0..1) and {@code thumbs} ({@code up} = 1, {@code down} = 0).
 *
 * @param requestId the rated request's id
 * @param score     0..1 (from {@code thumbs} when that was sent)
 * @param thumbs    {@code up}, {@code down}, or null when a score was sent
 * @param label     a short tag of the caller's own, or null
 * @param comment   free text, or null
 */
public record FeedbackInput(String requestId, double score, String thumbs, String label, String comment) {
    /** The longest {@code label}. */
    static final int MAX_LABEL_CHARS = 64;
    private static final Set<String> FIELDS = Set.of("request_id", "score", "thumbs", "label", "comment");

    /** Whether the rating came as thumbs up. */
    public boolean thumbsUp() {
        return "up".equals(thumbs);
    }

    /**
     * Validates a request body.
     *
     * @param maxCommentChars the longest comment ({@code feedback.max-comment-chars})
     * @throws ApiException 400 naming the field at fault
     */
    public static FeedbackInput parse(JsonObject body, int maxCommentChars) {
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest(field, "unknown field '" + field + "'; send request_id, score or thumbs, and optionally label and comment");
            }
        }
        String requestId = text(body, "request_id", FeedbackIndex.MAX_ID_CHARS);
        if (requestId == null || requestId.isBlank()) {
            throw ApiException.badRequest("request_id", "request_id is required: the x-request-id header (or the id) of the answer you rate");
        }
        Object score = body.getValue("score");
        Object thumbs = body.getValue("thumbs");
        if (score != null && thumbs != null) {
            throw ApiException.badRequest("score", "send either score (0 to 1) or thumbs ('up' or 'down'), not both");
        }
        if (score == null && thumbs == null) {
            throw ApiException.badRequest("score", "a rating is required: score (a number from 0 to 1) or thumbs ('up' or 'down')");
        }
        String label = text(body, "label", MAX_LABEL_CHARS);
        String comment = text(body, "comment", maxCommentChars);
        if (thumbs != null) {
            if (!"up".equals(thumbs) && !"down".equals(thumbs)) {
                throw ApiException.badRequest("thumbs", "thumbs must be 'up' or 'down', got " + describe(thumbs));
            }
            return new FeedbackInput(requestId, "up".equals(thumbs) ? 1.0 : 0.0, (String) thumbs, label, comment);
        }
        if (!(score instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > 1) {
            throw ApiException.badRequest("score", "score must be a number from 0 to 1, got " + describe(score));
        }
        return new FeedbackInput(requestId, n.doubleValue(), null, label, comment);
    }

    private static String text(JsonObject body, String field, int maxChars) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.badRequest(field, field + " must be a string, got " + describe(v));
        }
        if (s.length() > maxChars) {
            throw ApiException.badRequest(field, field + " is " + s.length() + " characters long; at most " + maxChars + " are accepted"
                    + ("comment".equals(field) ? " (feedback.max-comment-chars)" : ""));
        }
        return s;
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return v instanceof Number ? v.toString() : "a " + (v instanceof JsonObject ? "JSON object" : v.getClass().getSimpleName().replace("Json", "JSON "));
    }
}
