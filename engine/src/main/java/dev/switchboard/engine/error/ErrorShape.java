package dev.switchboard.engine.error;

import io.vertx.core.json.JsonObject;

/**
 * How one front door's API writes an error: the status and the body a client of that API expects.
 * {@link ErrorMapper} decides what went wrong (one {@link ApiException} for any failure); a shape
 * only renders it, so every front door answers the same failure the same way in its own dialect.
 * A new front door (Anthropic Messages, OpenAI Responses, ...) supplies its own shape and hands it
 * to {@code Responses.error}, its SSE error event and its event-bus failures.
 */
public interface ErrorShape {
    /** OpenAI's {@code {"error": {"message", "type", "param", "code"}}} with the exception's status. */
    ErrorShape OPENAI = new ErrorShape() {
        @Override
        public int status(ApiException e) {
            return e.status();
        }

        @Override
        public JsonObject body(ApiException e) {
            return e.toJson();
        }
    };

    /** The HTTP status (and event-bus failure code) of the error in this API. */
    int status(ApiException e);

    /** The error body in this API. */
    JsonObject body(ApiException e);
}
