package dev.switchboard.engine.bus;

import dev.switchboard.engine.embeddings.EmbeddingsService;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.engine.pipeline.RequestMetadata;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamHandle;
import dev.switchboard.engine.responses.ResponsesRequest;
import dev.switchboard.engine.responses.ResponsesService;
import dev.switchboard.engine.responses.ResponsesEmitter;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The event-bus equivalents of {@code /v1/embeddings} and {@code /v1/responses}, served by the same
 * services as HTTP. Replies and failures follow {@link ChatBusConsumer}: the OpenAI answer as the
 * reply body with {@code x-switchboard-*} headers, or a {@code ReplyException} whose failure code is
 * the HTTP status and whose message is the OpenAI error JSON.
 *
 * <ul>
 *   <li>{@code switchboard.embeddings}: body = the embeddings request; reply = the embeddings list.</li>
 *   <li>{@code switchboard.responses}: body = the Responses request; reply = the response object.
 *       Header {@code action: get} or {@code action: delete} with body {@code {"id": ...}} reads or
 *       deletes a stored response. With {@code "stream": true} and header {@code stream-address},
 *       the reply is {@code {"stream":"started","model":...,"id":...}} once content exists; then
 *       every Responses event goes to the stream address in order, with header {@code type} = the
 *       event type, the last being {@code response.completed}, {@code response.incomplete} or
 *       {@code error}.</li>
 * </ul>
 */
public final class FrontDoorBusConsumer {
    private final Vertx vertx;
    private final EmbeddingsService embeddings;
    private final ResponsesService responses;
    private final String embeddingsAddress;
    private final String responsesAddress;
    private final int streamWindow;
    private final long streamAckTimeoutMs;
    private MessageConsumer<Object> embed;
    private MessageConsumer<Object> respond;

    /**
     * @param streamWindow       events a stream consumer may leave unacknowledged ({@code event-bus.stream-window})
     * @param streamAckTimeoutMs how long an event waits for its acknowledgement ({@code event-bus.stream-ack-timeout-ms})
     */
    public FrontDoorBusConsumer(Vertx vertx, EmbeddingsService embeddings, ResponsesService responses, String embeddingsAddress,
                                String responsesAddress, int streamWindow, long streamAckTimeoutMs) {
        this.vertx = vertx;
        this.streamWindow = streamWindow;
        this.streamAckTimeoutMs = streamAckTimeoutMs;
        this.embeddings = embeddings;
        this.responses = responses;
        this.embeddingsAddress = embeddingsAddress;
        this.responsesAddress = responsesAddress;
    }

    /** Registers both consumers. */
    public Future<Void> register() {
        embed = vertx.eventBus().consumer(embeddingsAddress, this::onEmbeddings);
        respond = vertx.eventBus().consumer(responsesAddress, this::onResponses);
        return embed.completion().compose(v -> respond.completion());
    }

    /** Unregisters both consumers. */
    public Future<Void> unregister() {
        return Future.all(embed.unregister(), respond.unregister()).mapEmpty();
    }

    private void onEmbeddings(Message<Object> msg) {
        EmbeddingRequest request;
        try {
            request = EmbeddingRequest.parse(RequestBodies.object(msg.body(), "{\"model\": ..., \"input\": ...}"));
        } catch (RuntimeException e) {
            fail(msg, e);
            return;
        }
        ChatRequest routing = EmbeddingsService.routingView(request);
        embeddings.embed(request, routing, RequestMetadata.from(msg.headers()), new Cancellation()).onComplete(ar -> {
            if (ar.failed()) {
                fail(msg, ar.cause());
                return;
            }
            ChatService.CallResult<?> r = ar.result();
            msg.reply(EmbeddingsService.toOpenAi(ar.result(), request.base64()), withCost(r));
        });
    }

    private void onResponses(Message<Object> msg) {
        String action = msg.headers().get("action");
        try {
            JsonObject body = RequestBodies.object(msg.body(), "{\"model\": ..., \"input\": ...}");
            if ("get".equals(action) || "delete".equals(action)) {
                String id = body.getString("id");
                ("get".equals(action) ? responses.get(id) : responses.delete(id)).onComplete(ar -> reply(msg, ar.result(), ar.cause()));
                return;
            }
            ResponsesRequest request = ResponsesRequest.parse(body);
            if (request.stream() && msg.headers().get(ChatBusConsumer.STREAM_ADDRESS) == null) {
                throw ApiException.badRequest("stream", "streaming over the event bus needs the message header '"
                        + ChatBusConsumer.STREAM_ADDRESS + "' naming the address to send events to");
            }
            Map<String, String> meta = RequestMetadata.from(msg.headers());
            responses.prepare(request).onComplete(ar -> {
                if (ar.failed()) {
                    fail(msg, ar.cause());
                } else if (request.stream()) {
                    stream(msg, ar.result(), meta);
                } else {
                    responses.create(ar.result(), meta, new Cancellation()).onComplete(c -> {
                        if (c.failed()) {
                            fail(msg, c.cause());
                        } else {
                            msg.reply(c.result().response(), withCost(c.result().result()));
                        }
                    });
                }
            });
        } catch (RuntimeException e) {
            fail(msg, e);
        }
    }

    private void stream(Message<Object> msg, ResponsesService.Prepared p, Map<String, String> meta) {
        try {
            StreamHandle run = responses.stream(p, meta, plan -> new EventSink(msg, plan, p, msg.headers().get(ChatBusConsumer.STREAM_ADDRESS)));
            run.started().onFailure(t -> fail(msg, t));
        } catch (RuntimeException e) {
            fail(msg, e);
        }
    }

    private static DeliveryOptions withCost(ChatService.CallResult<?> r) {
        return ChatBusConsumer.headers(r.plan(), r.served().model(), r.served().attempts())
                .addHeader("x-switchboard-cost-usd", r.cost() == null ? "unknown" : Double.toString(r.cost()));
    }

    private static void reply(Message<Object> msg, JsonObject result, Throwable failure) {
        if (failure != null) {
            fail(msg, failure);
        } else {
            msg.reply(result);
        }
    }

    /** Fails a bus request with the OpenAI error JSON and the HTTP-equivalent status of {@code t}. */
    static void fail(Message<Object> msg, Throwable t) {
        ApiException e = ErrorMapper.toApi(t);
        msg.fail(e.status(), e.toJson().encode());
    }

    /**
     * Sends each Responses event to the caller's address, in order, with the chat stream's flow
     * control: every event but an {@code error} is a request the consumer acknowledges.
     */
    private final class EventSink extends CreditedBusSink implements ResponsesEmitter.Transport {
        private final Message<Object> request;
        private final RoutePlan plan;
        private final ResponsesEmitter emitter;

        EventSink(Message<Object> request, RoutePlan plan, ResponsesService.Prepared prepared, String address) {
            super(FrontDoorBusConsumer.this.vertx, address, streamWindow, streamAckTimeoutMs);
            this.request = request;
            this.plan = plan;
            this.emitter = new ResponsesEmitter(responses, prepared, this);
        }

        @Override
        public void start(ModelDescriptor model, List<Attempt> attempts) {
            request.reply(new JsonObject().put("stream", "started").put("model", model.id()).put("id", emitter.id()),
                    ChatBusConsumer.headers(plan, model, attempts));
            emitter.start(model);
        }

        @Override
        public void chunk(ChatChunk chunk) {
            emitter.chunk(chunk);
        }

        @Override
        public void end(Usage usage) {
            emitter.end(usage);
        }

        @Override
        public void fail(ApiException error) {
            emitter.fail(error);
        }

        @Override
        public void write(JsonObject event, boolean last) {
            DeliveryOptions options = new DeliveryOptions().addHeader("type", event.getString("type"));
            if ("error".equals(event.getString("type"))) {
                sendLast(event, options);
            } else {
                send(event, options);
            }
        }

        @Override
        public void finish() {
            finished();
        }
    }
}
