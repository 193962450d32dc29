package dev.switchboard.engine.bus;

import dev.switchboard.engine.auth.Caller;
import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.engine.feedback.FeedbackService;
import dev.switchboard.engine.pipeline.RequestBodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The event-bus equivalent of {@code POST /v1/feedback} ({@code event-bus.feedback-address}, default
 * {@code switchboard.feedback}): body = the rating, header {@code authorization} = the client key as
 * on chat requests; reply = the accepted rating, or a {@code ReplyException} whose failure code is the
 * HTTP status and whose message is the OpenAI error JSON (as {@link ChatBusConsumer}).
 */
public final class FeedbackBusConsumer {
    private final Vertx vertx;
    private final KeyAuthenticator keys;
    private final FeedbackService feedback;
    private final String address;
    private MessageConsumer<Object> consumer;

    public FeedbackBusConsumer(Vertx vertx, KeyAuthenticator keys, FeedbackService feedback, String address) {
        this.vertx = vertx;
        this.keys = keys;
        this.feedback = feedback;
        this.address = address;
    }

    /** Registers the consumer. */
    public Future<Void> register() {
        consumer = vertx.eventBus().consumer(address, this::onFeedback);
        return consumer.completion();
    }

    /** Unregisters it. */
    public Future<Void> unregister() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    private void onFeedback(Message<Object> msg) {
        Caller caller;
        JsonObject body;
        try {
            caller = keys.authenticate(msg.headers());
            body = RequestBodies.object(msg.body(), "{\"request_id\": \"req-...\", \"score\": 0.8}");
        } catch (RuntimeException e) {
            FrontDoorBusConsumer.fail(msg, e);
            return;
        }
        feedback.submit(body, caller).onSuccess(msg::reply).onFailure(t -> FrontDoorBusConsumer.fail(msg, t));
    }
}
