package dev.switchboard.engine.http;

import dev.switchboard.engine.auth.Caller;
import dev.switchboard.engine.feedback.FeedbackService;
import dev.switchboard.engine.http.exchange.JsonBody;
import dev.switchboard.engine.http.exchange.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/feedback}: rates a served request; authenticated like chat completions. */
final class FeedbackHandler implements Handler<RoutingContext> {
    /** A minimal valid body, shown when the body is not a JSON object. */
    static final String EXAMPLE = "{\"request_id\": \"req-...\", \"score\": 0.8} or {\"request_id\": \"req-...\", \"thumbs\": \"up\"}";

    private final FeedbackService feedback;

    FeedbackHandler(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Caller caller;
        JsonObject body;
        try {
            caller = feedback.keys().authenticate(ctx.request().headers());
            body = JsonBody.read(ctx, EXAMPLE);
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        feedback.submit(body, caller).onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else {
                Responses.json(ctx, 200, ar.result());
            }
        });
    }
}
