package dev.switchboard.engine.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Validation of a rating: one of score (0..1) and thumbs, strings where strings belong, bounded lengths. */
class FeedbackInputTest {
    static JsonObject body() {
        return new JsonObject().put("request_id", "req-1");
    }

    static ApiException refused(JsonObject body) {
        return assertThrows(ApiException.class, () -> FeedbackInput.parse(body, 10));
    }

    @Test
    void thumbsAreScoresOfOneAndZero() {
        FeedbackInput up = FeedbackInput.parse(body().put("thumbs", "up").put("label", "tone").put("comment", "nice"), 10);
        assertEquals(1.0, up.score());
        assertTrue(up.thumbsUp());
        assertEquals("tone", up.label());
        assertEquals(0.0, FeedbackInput.parse(body().put("thumbs", "down"), 10).score());
        FeedbackInput score = FeedbackInput.parse(body().put("score", 0.25), 10);
        assertEquals(0.25, score.score());
        assertNull(score.thumbs());
        assertEquals(1.0, FeedbackInput.parse(body().put("score", 1), 10).score(), "an integer score");
    }

    @Test
    void eachMistakeNamesItsField() {
        Object[][] cases = {
                {new JsonObject().put("score", 1), "request_id", "required"},
                {body().put("request_id", " ").put("score", 1), "request_id", "required"},
                {body().put("request_id", "r".repeat(129)).put("score", 1), "request_id", "at most 128"},
                {body(), "score", "a rating is required"},
                {body().put("score", 0.5).put("thumbs", "up"), "score", "not both"},
                {body().put("score", 1.01), "score", "from 0 to 1, got 1.01"},
                {body().put("score", -1), "score", "got -1"},
                {body().put("score", Double.NaN), "score", "from 0 to 1"},
                {body().put("score", "0.5"), "score", "got '0.5'"},
                {body().put("thumbs", "UP"), "thumbs", "'up' or 'down', got 'UP'"},
                {body().put("thumbs", new JsonArray()), "thumbs", "'up' or 'down'"},
                {body().put("score", 1).put("label", 3), "label", "must be a string"},
                {body().put("score", 1).put("label", "l".repeat(65)), "label", "at most 64"},
                {body().put("score", 1).put("comment", "c".repeat(11)), "comment", "feedback.max-comment-chars"},
                {body().put("score", 1).put("rating", 5), "rating", "unknown field"},
        };
        for (Object[] c : cases) {
            ApiException e = refused((JsonObject) c[0]);
            assertEquals(400, e.status());
            assertEquals(c[1], e.param(), e.getMessage());
            assertTrue(e.getMessage().contains((String) c[2]), e.getMessage());
        }
    }
}
