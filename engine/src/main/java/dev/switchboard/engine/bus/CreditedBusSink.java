package dev.switchboard.engine.bus;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.resilience.StreamSink;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The event-bus half of every front door's stream sink: credit-based flow control. Each stream
 * message is a request the consumer acknowledges by replying; at most {@code window} are
 * unacknowledged before the sink says it is full. A message unacknowledged past the ack timeout
 * means the consumer is too slow (the stream ends with a {@code consumer_too_slow} error, sent
 * through {@link #fail}); no handler at the address, or a message answered with a failure, means it
 * is gone. Both end the stream as cancelled. What a message looks like is the subclass's business.
 */
public abstract class CreditedBusSink implements StreamSink {
    protected final Vertx vertx;
    protected final String address;
    private final int window;
    private final long ackTimeoutMs;
    /** One acknowledgement handler for the stream's life, not a method reference per message. */
    private final Handler<AsyncResult<Message<Object>>> onAck = this::acked;
    private int unacked;
    private boolean over;
    private Runnable onDrain;
    private Runnable onGone;

    /**
     * @param address      where the consumer listens
     * @param window       messages sent and not yet acknowledged before the sink is full
     * @param ackTimeoutMs how long a message may wait for its acknowledgement
     */
    protected CreditedBusSink(Vertx vertx, String address, int window, long ackTimeoutMs) {
        this.vertx = vertx;
        this.address = address;
        this.window = window;
        this.ackTimeoutMs = ackTimeoutMs;
    }

    /** Sends one stream message the consumer must acknowledge ({@code options} get the ack timeout). */
    protected final void send(Object body, DeliveryOptions options) {
        if (over) {
            return;
        }
        unacked++;
        vertx.eventBus().request(address, body, options.setSendTimeout(ackTimeoutMs)).onComplete(onAck);
    }

    /** Sends the stream's last message (end or error), unacknowledged; later ones are dropped. */
    protected final void sendLast(Object body, DeliveryOptions options) {
        if (!over) {
            over = true;
            vertx.eventBus().send(address, body, options);
        }
    }

    /** The stream's last message went out through {@link #send}: acknowledgements no longer matter. */
    protected final void finished() {
        over = true;
    }

    private void acked(AsyncResult<Message<Object>> ar) {
        unacked--;
        if (over) {
            return;
        }
        if (ar.failed()) {
            boolean slow = ar.cause() instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT;
            if (slow) {
                fail(new ApiException(499, "invalid_request_error", "consumer_too_slow", null, "the stream consumer at '" + address
                        + "' did not acknowledge a message within " + ackTimeoutMs
                        + " ms (event-bus.stream-ack-timeout-ms); the stream was cancelled", null, null));
            }
            over = true;
            if (onGone != null) {
                onGone.run();
            }
            return;
        }
        if (onDrain != null && unacked < window) {
            Runnable r = onDrain;
            onDrain = null;
            r.run();
        }
    }

    @Override
    public boolean writeQueueFull() {
        return unacked >= window;
    }

    @Override
    public void drainHandler(Runnable drain) {
        if (unacked < window) {
            drain.run();
        } else {
            onDrain = drain;
        }
    }

    @Override
    public void goneHandler(Runnable gone) {
        this.onGone = gone;
    }
}
