package dev.switchboard.engine.http;

import dev.switchboard.engine.metrics.DecisionLog;
import dev.switchboard.engine.pipeline.RequestRecord;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /v1/decisions/stream}: this node's routing decisions as they happen, as Server-Sent
 * Events ({@code event: decision}, {@code data:} the JSON of {@code GET /v1/decisions}). The request
 * path only offers each record to a bounded queue per subscriber ({@value #QUEUE} records) and
 * schedules a drain on the subscriber's own event loop, where the JSON is built and written. A
 * subscriber whose queue overflows (its socket does not keep up) gets {@code event: dropped} and is
 * disconnected rather than buffered without limit; it may reconnect.
 */
final class DecisionStream implements Handler<RoutingContext> {
    static final int QUEUE = 256;
    static final long HEARTBEAT_MS = 15_000;

    private final DecisionLog log;

    DecisionStream(DecisionLog log) {
        this.log = log;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("x-accel-buffering", "no");
        response.write(": switchboard decision stream\n\n");
        Subscriber subscriber = new Subscriber(ctx.vertx().getOrCreateContext(), response);
        Runnable unsubscribe = log.subscribe(subscriber::offer);
        long heartbeat = ctx.vertx().setPeriodic(HEARTBEAT_MS, id -> subscriber.write(": ping\n\n"));
        subscriber.onEnd = () -> {
            unsubscribe.run();
            ctx.vertx().cancelTimer(heartbeat);
        };
        response.closeHandler(v -> subscriber.onEnd.run());
        // a graceful stop waits for open responses: end this endless one at once so it does not hold the stop up
        ctx.request().connection().shutdownHandler(v -> subscriber.end());
        response.exceptionHandler(t -> subscriber.onEnd.run());
    }

    /** One connection's queue: filled on any event loop, drained on the connection's own. */
    private static final class Subscriber {
        private final Context context;
        private final HttpServerResponse response;
        private final ArrayBlockingQueue<RequestRecord> queue = new ArrayBlockingQueue<>(QUEUE);
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean overflowed;
        private Runnable onEnd = () -> { };

        Subscriber(Context context, HttpServerResponse response) {
            this.context = context;
            this.response = response;
        }

        /** Called on the request path: never blocks, never writes. */
        void offer(RequestRecord record) {
            if (!queue.offer(record)) {
                overflowed = true;
            }
            if (scheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> drain());
            }
        }

        private void drain() {
            scheduled.set(false);
            if (response.closed() || response.ended()) {
                return;
            }
            if (overflowed) {
                queue.clear();
                write("event: dropped\ndata: " + new JsonObject().put("reason", "this client did not keep up: more than " + QUEUE
                        + " decisions waited to be sent; reconnect to resume").encode() + "\n\n");
                response.end();
                onEnd.run();
                return;
            }
            RequestRecord record;
            while (!response.writeQueueFull() && (record = queue.poll()) != null) {
                write("event: decision\ndata: " + DecisionLog.toJson(record).encode() + "\n\n");
            }
            if (!queue.isEmpty()) {
                response.drainHandler(v -> drain());
            }
        }

        void end() {
            if (!response.closed() && !response.ended()) {
                response.end("event: closing\ndata: {\"reason\": \"the node is stopping\"}\n\n");
            }
            onEnd.run();
        }

        void write(String text) {
            if (!response.closed() && !response.ended()) {
                response.write(Buffer.buffer(text));
            }
        }
    }
}
