package dev.switchboard.engine.bus;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Streams chunks to the caller's address, in order, with credit-based flow control: each chunk is
 * a request the consumer acknowledges by replying; at most {@code window} are unacknowledged before
 * the sink says it is full. A chunk unacknowledged past the ack timeout means the consumer is too
 * slow (the stream ends with a {@code consumer_too_slow} error message); no handler at the address,
 * or a chunk answered with a failure, means it is gone. Both end the stream as cancelled.
 */
final class BusStreamSink implements StreamSink {
    private static final DeliveryOptions END = new DeliveryOptions().addHeader("type", "end");

    private final Vertx vertx;
    private final Message<Object> request;
    private final RoutePlan plan;
    private final String address;
    private final int window;
    private final DeliveryOptions chunkOptions;
    private int unacked;
    private boolean over;
    private Runnable onDrain;
    private Runnable onGone;

    BusStreamSink(Vertx vertx, Message<Object> request, RoutePlan plan, String address, int window, long ackTimeoutMs) {
        this.vertx = vertx;
        this.request = request;
        this.plan = plan;
        this.address = address;
        this.window = window;
        this.chunkOptions = new DeliveryOptions().addHeader("type", "chunk").setSendTimeout(ackTimeoutMs);
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        request.reply(new JsonObject().put("stream", "started").put("model", model.id()), ChatBusConsumer.headers(plan, model, attempts));
    }

    @Override
    public void chunk(ChatChunk chunk) {
        if (over) {
            return;
        }
        unacked++;
        vertx.eventBus().request(address, chunk.toJson(), chunkOptions).onComplete(this::acked);
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
                        + "' did not acknowledge a chunk within " + chunkOptions.getSendTimeout()
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
    public void end(Usage usage) {
        if (!over) {
            over = true;
            vertx.eventBus().send(address, new JsonObject().put("usage", usage == null ? null : usage.toJson()), END);
        }
    }

    @Override
    public void fail(ApiException error) {
        if (!over) {
            over = true;
            vertx.eventBus().send(address, error.toJson(), new DeliveryOptions().addHeader("type", "error")
                    .addHeader("status", Integer.toString(error.status())));
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
