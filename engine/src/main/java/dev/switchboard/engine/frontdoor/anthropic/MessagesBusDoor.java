package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.engine.bus.ChatBusConsumer;
import dev.switchboard.engine.bus.CreditedBusSink;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.engine.pipeline.RequestMetadata;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.resilience.StreamRun;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.NativeRequest;
import dev.switchboard.toolkit.chat.SourceJson;
import dev.switchboard.toolkit.stream.SseParser;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages API on the event bus: a chat-address message with header
 * {@code api: anthropic-messages}. Body = the Anthropic request (JsonObject or its JSON text);
 * reply = the Anthropic {@code message} with the {@code x-switchboard-*} headers; failure =
 * {@code ReplyException} with Anthropic's status as failure code and Anthropic's error JSON as
 * message. Streaming ({@code "stream": true} plus header {@code stream-address}): the request is
 * answered {@code {"stream":"started","model":...}} once content exists, then every Anthropic event
 * ({@code message_start} ... {@code message_stop}) goes to the stream address as its JSON with
 * headers {@code type: event} and {@code event: <name>}, or a last {@code type: error} message.
 */
public final class MessagesBusDoor implements Handler<Message<Object>> {
    private final Vertx vertx;
    private final ChatService service;
    private final int streamWindow;
    private final long streamAckTimeoutMs;

    /**
     * @param streamWindow       events a stream consumer may leave unacknowledged ({@code event-bus.stream-window})
     * @param streamAckTimeoutMs how long an event waits for its acknowledgement ({@code event-bus.stream-ack-timeout-ms})
     */
    public MessagesBusDoor(Vertx vertx, ChatService service, int streamWindow, long streamAckTimeoutMs) {
        this.vertx = vertx;
        this.service = service;
        this.streamWindow = streamWindow;
        this.streamAckTimeoutMs = streamAckTimeoutMs;
    }

    @Override
    public void handle(Message<Object> msg) {
        try {
            SourceJson source = source(msg.body());
            ChatRequest request = MessagesRequestReader.read(source.json(), false);
            NativeRequest forward = new NativeRequest(NativeRequest.ANTHROPIC_MESSAGES, source,
                    MessagesHandler.forwardedHeaders(msg.headers()), request.stream());
            Map<String, String> meta = RequestMetadata.from(msg.headers());
            if (request.stream()) {
                String address = msg.headers().get(ChatBusConsumer.STREAM_ADDRESS);
                if (address == null) {
                    throw ApiException.badRequest("stream", "streaming over the event bus needs the message header '"
                            + ChatBusConsumer.STREAM_ADDRESS + "' naming the address to send events to");
                }
                StreamRun run = service.stream(request, forward, meta, plan -> new BusSink(msg, plan, address));
                run.started().onFailure(t -> fail(msg, t));
                return;
            }
            // a bus requester cannot be seen going away: nothing cancels this call
            service.complete(request, forward, meta, new Cancellation()).onComplete(ar -> {
                if (ar.failed()) {
                    fail(msg, ar.cause());
                    return;
                }
                ChatService.ChatResult r = ar.result();
                DeliveryOptions options = ChatBusConsumer.headers(r.plan(), r.served().model(), r.served().attempts())
                        .addHeader("x-switchboard-cost-usd", r.cost() == null ? "unknown" : Double.toString(r.cost()));
                msg.reply(r.wire() != null ? r.wire().toJsonObject() : MessagesResponses.message(r.response()), options);
            });
        } catch (RuntimeException e) {
            fail(msg, e);
        }
    }

    private static SourceJson source(Object body) {
        if (body instanceof JsonObject) {
            return SourceJson.of((JsonObject) body);
        }
        if (body instanceof Buffer || body instanceof String) {
            return RequestBodies.source(body instanceof Buffer ? (Buffer) body : Buffer.buffer((String) body));
        }
        throw ApiException.badRequest(null, "message body must be the Anthropic Messages request as a JsonObject (or its JSON text)");
    }

    private static void fail(Message<Object> msg, Throwable t) {
        ApiException e = ErrorMapper.toApi(t);
        msg.fail(AnthropicErrors.INSTANCE.status(e), AnthropicErrors.INSTANCE.body(e).encode());
    }

    /** Sends each Anthropic event to the caller's address, in order, with the chat stream's flow control. */
    private final class BusSink extends CreditedBusSink {
        private final Message<Object> request;
        private final RoutePlan plan;
        private final MessagesEventEncoder encoder;
        private SseParser parser;

        BusSink(Message<Object> request, RoutePlan plan, String address) {
            super(MessagesBusDoor.this.vertx, address, streamWindow, streamAckTimeoutMs);
            this.request = request;
            this.plan = plan;
            this.encoder = new MessagesEventEncoder(plan.features().estimatedInputTokens(), this::event);
        }

        @Override
        public void start(ModelDescriptor model, List<Attempt> attempts) {
            request.reply(new JsonObject().put("stream", "started").put("model", model.id()),
                    ChatBusConsumer.headers(plan, model, attempts));
        }

        @Override
        public void chunk(ChatChunk chunk) {
            encoder.chunk(chunk);
        }

        @Override
        public void wire(Buffer bytes) {
            if (parser == null) {
                parser = new SseParser();
            }
            parser.feed(bytes, this::onWireEvent);
        }

        private void onWireEvent(String name, String data) {
            if (!data.isBlank()) {
                event(name, new JsonObject(data));
            }
        }

        @Override
        public void end(Usage usage) {
            if (parser == null) {
                encoder.end(usage);
            } else {
                parser.end(this::onWireEvent);
            }
            finished();
        }

        @Override
        public void fail(ApiException error) {
            sendLast(AnthropicErrors.INSTANCE.body(error), new DeliveryOptions().addHeader("type", "error")
                    .addHeader("status", Integer.toString(AnthropicErrors.INSTANCE.status(error))));
        }

        private void event(String name, JsonObject data) {
            send(data, new DeliveryOptions().addHeader("type", "event").addHeader("event", name));
        }
    }
}
