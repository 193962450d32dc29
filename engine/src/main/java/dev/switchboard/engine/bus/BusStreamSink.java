package dev.switchboard.engine.bus;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Streams OpenAI chunks to the caller's address, in order ({@code type: chunk}), then one
 * {@code type: end} or {@code type: error} message; flow control as {@link CreditedBusSink}.
 */
final class BusStreamSink extends CreditedBusSink {
    private static final DeliveryOptions END = new DeliveryOptions().addHeader("type", "end");

    private final DeliveryOptions chunkOptions = new DeliveryOptions().addHeader("type", "chunk");
    private final Message<Object> request;
    private final RoutePlan plan;

    BusStreamSink(Vertx vertx, Message<Object> request, RoutePlan plan, String address, int window, long ackTimeoutMs) {
        super(vertx, address, window, ackTimeoutMs);
        this.request = request;
        this.plan = plan;
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        request.reply(new JsonObject().put("stream", "started").put("model", model.id()), ChatBusConsumer.headers(plan, model, attempts));
    }

    @Override
    public void chunk(ChatChunk chunk) {
        send(chunk.toJson(), chunkOptions);
    }

    @Override
    public void end(Usage usage) {
        sendLast(new JsonObject().put("usage", usage == null ? null : usage.toJson()), END);
    }

    @Override
    public void fail(ApiException error) {
        sendLast(error.toJson(), new DeliveryOptions().addHeader("type", "error").addHeader("status", Integer.toString(error.status())));
    }
}
