package dev.switchboard.engine.bus;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.engine.pipeline.RequestMetadata;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamHandle;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The event-bus front door, served by the same pipeline as HTTP.
 *
 * <ul>
 *   <li>{@code switchboard.chat}: body = the OpenAI request (JsonObject); reply = the OpenAI
 *       response; failure = {@code ReplyException} with the HTTP-equivalent status as failure code
 *       and the OpenAI error JSON as message. Reply headers carry {@code x-switchboard-*}.</li>
 *   <li>Streaming: {@code "stream": true} plus header {@code stream-address}. The request is
 *       answered {@code {"stream":"started","model":...}} once the first content chunk exists (or
 *       failed as above, nothing streamed); then each chunk goes to {@code stream-address} with
 *       header {@code type: chunk}, and finally one {@code type: end} message ({@code {"usage": ...}})
 *       or one {@code type: error} message (the OpenAI error JSON).</li>
 *   <li>Flow control: the consumer acknowledges each {@code type: chunk} message by replying to it
 *       (any body). At most {@code event-bus.stream-window} chunks are out unacknowledged; then the
 *       upstream read pauses until acknowledgements come. A chunk not acknowledged within
 *       {@code event-bus.stream-ack-timeout-ms} ends the stream with a {@code type: error} message
 *       (code {@code consumer_too_slow}); a consumer that unregistered (no handler) or answers a chunk
 *       with {@code fail(...)} ends it at once. Either way the upstream call is cancelled and the
 *       request recorded as {@code client_cancelled}.</li>
 *   <li>{@code switchboard.route}: body = the request; reply = the routing explanation.</li>
 *   <li>Header {@value #API} on a chat message selects another front door's API for body, reply,
 *       stream and errors (e.g. {@code anthropic-messages}); see the handler registered for it.</li>
 * </ul>
 */
public final class ChatBusConsumer {
    /** Header naming the address chunks are sent to. */
    public static final String STREAM_ADDRESS = "stream-address";
    /** Header naming the wire API of a chat message when it is not OpenAI Chat Completions. */
    public static final String API = "api";

    private final Vertx vertx;
    private final ChatService service;
    private final String chatAddress;
    private final String routeAddress;
    private final int streamWindow;
    private final long streamAckTimeoutMs;
    private final Map<String, Handler<Message<Object>>> apis;
    private MessageConsumer<Object> chat;
    private MessageConsumer<Object> route;

    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile io.vertx.core.Promise<Void> drained;

    /**
     * @param streamWindow       chunks a stream consumer may leave unacknowledged ({@code event-bus.stream-window})
     * @param streamAckTimeoutMs how long a chunk waits for its acknowledgement ({@code event-bus.stream-ack-timeout-ms})
     * @param apis               the front doors of other wire APIs, by the {@value #API} header value that selects them
     */
    public ChatBusConsumer(Vertx vertx, ChatService service, String chatAddress, String routeAddress, int streamWindow,
                           long streamAckTimeoutMs, Map<String, Handler<Message<Object>>> apis) {
        this.apis = Map.copyOf(apis);
        this.vertx = vertx;
        this.streamWindow = streamWindow;
        this.streamAckTimeoutMs = streamAckTimeoutMs;
        this.service = service;
        this.chatAddress = chatAddress;
        this.routeAddress = routeAddress;
    }

    /** Registers both consumers. */
    public Future<Void> register() {
        chat = vertx.eventBus().consumer(chatAddress, this::onChat);
        route = vertx.eventBus().consumer(routeAddress, this::onRoute);
        return chat.completion().compose(v -> route.completion());
    }

    /** Unregisters both consumers. */
    public Future<Void> unregister() {
        return Future.all(chat.unregister(), route.unregister()).mapEmpty();
    }

    /**
     * Stops taking requests and completes once those in flight (streams included) have answered, or after
     * {@code timeoutMs}: the bus front door's part of a graceful stop.
     */
    public Future<Void> drain(long timeoutMs) {
        return unregister().otherwiseEmpty().compose(v -> {
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            drained = done;
            if (inFlight.get() == 0) {
                done.tryComplete();
            } else {
                long timer = vertx.setTimer(Math.max(1, timeoutMs), id -> done.tryComplete());
                done.future().onComplete(x -> vertx.cancelTimer(timer));
            }
            return done.future();
        });
    }

    /** Counts a request until {@code answered} completes. */
    private void track(Future<?> answered) {
        inFlight.incrementAndGet();
        answered.onComplete(ar -> {
            io.vertx.core.Promise<Void> d = drained;
            if (inFlight.decrementAndGet() == 0 && d != null) {
                d.tryComplete();
            }
        });
    }

    private void onRoute(Message<Object> msg) {
        try {
            ChatRequest request = RequestBodies.parse(msg.body());
            service.explain(request, metadata(msg)).onComplete(plan -> msg.reply(plan.toJson()), e -> fail(msg, e));
        } catch (RuntimeException e) {
            fail(msg, e);
        }
    }

    private void onChat(Message<Object> msg) {
        String api = msg.headers().get(API);
        if (api != null) {
            Handler<Message<Object>> door = apis.get(api);
            if (door == null) {
                fail(msg, ApiException.badRequest(API, "unknown API '" + api + "' in header '" + API + "'; known: "
                        + new java.util.TreeSet<>(apis.keySet()) + " (omit the header for OpenAI Chat Completions)"));
            } else {
                door.handle(msg);
            }
            return;
        }
        ChatRequest request;
        Map<String, String> meta = metadata(msg);
        try {
            request = RequestBodies.parse(msg.body());
            if (request.stream() && msg.headers().get(STREAM_ADDRESS) == null) {
                throw ApiException.badRequest("stream", "streaming over the event bus needs the message header '"
                        + STREAM_ADDRESS + "' naming the address to send chunks to");
            }
            if (request.stream()) {
                StreamHandle run = service.stream(request, meta, plan -> new BusStreamSink(vertx, msg, plan, msg.headers().get(STREAM_ADDRESS),
                        streamWindow, streamAckTimeoutMs));
                run.started().onFailure(t -> fail(msg, t));
                track(run.finished());
                return;
            }
        } catch (RuntimeException e) {
            fail(msg, e);
            return;
        }
        track(service.complete(request, meta).onComplete(ar -> {
            if (ar.failed()) {
                fail(msg, ar.cause());
                return;
            }
            ChatService.ChatResult r = ar.result();
            DeliveryOptions options = headers(r.plan(), r.served().model(), r.served().attempts())
                    .addHeader("x-switchboard-cost-usd", r.cost() == null ? "unknown" : Double.toString(r.cost()))
                    .addHeader(ChatService.REQUEST_ID, meta.get(ChatService.REQUEST_ID)); // what POST /v1/feedback rates
            msg.reply(r.response().toJson(), options);
        }));
    }

    private static void fail(Message<Object> msg, Throwable t) {
        ApiException e = ErrorMapper.toApi(t);
        msg.fail(e.status(), e.toJson().encode());
    }

    private static Map<String, String> metadata(Message<Object> msg) {
        return RequestMetadata.from(msg.headers());
    }

    /** The {@code x-switchboard-*} headers of a reply. */
    public static DeliveryOptions headers(RoutePlan plan, ModelDescriptor model, List<Attempt> attempts) {
        DeliveryOptions o = new DeliveryOptions().addHeader("x-switchboard-model", model.id())
                .addHeader("x-switchboard-reason", plan.reason())
                .addHeader("x-switchboard-attempts", attempts.stream().map(Attempt::header).collect(Collectors.joining(",")));
        if (plan.route() != null) {
            o.addHeader("x-switchboard-route", plan.route());
        }
        return o;
    }
}
