package dev.switchboard.engine.http;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a stream as OpenAI Server-Sent Events: one {@code data:} event per chunk, then
 * {@code [DONE]}. The response's write queue is bounded ({@code server.stream-write-queue-bytes}):
 * past it the sink says it is full and the upstream read pauses until the client has caught up.
 */
final class SseSink implements StreamSink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOL = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final CharSequence X_ACCEL_BUFFERING = HttpHeaders.createOptimized("x-accel-buffering");
    private static final CharSequence NO = HttpHeaders.createOptimized("no");

    private final HttpServerResponse response;
    private final RoutePlan plan;

    /**
     * @param response        the client's response
     * @param plan            for the routing headers
     * @param writeQueueBytes bytes queued for the client before the sink counts as full
     */
    SseSink(HttpServerResponse response, RoutePlan plan, int writeQueueBytes) {
        this.response = response;
        this.plan = plan;
        if (!response.closed()) {
            response.setWriteQueueMaxSize(writeQueueBytes);
        }
    }

    @Override
    public boolean takesOpenAiSse() {
        return true;
    }

    @Override
    public void raw(Buffer events) {
        if (!response.closed() && !response.ended()) {
            response.write(events);
        }
    }

    @Override
    public boolean writeQueueFull() {
        return !response.closed() && !response.ended() && response.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable onDrain) {
        if (!writeQueueFull()) {
            onDrain.run();
            return;
        }
        response.drainHandler(v -> onDrain.run());
    }

    @Override
    public void goneHandler(Runnable onGone) {
        ClientGone.watch(response, onGone);
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        if (response.closed()) {
            return;
        }
        response.setStatusCode(200).setChunked(true)
                .putHeader(Responses.CONTENT_TYPE, EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE)
                .putHeader(X_ACCEL_BUFFERING, NO);
        Responses.routingHeaders(response, plan, model, attempts);
    }

    @Override
    public void chunk(ChatChunk chunk) {
        event(chunk.toBuffer());
    }

    @Override
    public void end(Usage usage) {
        if (!response.closed() && !response.ended()) {
            response.end(DONE.copy());
        }
    }

    @Override
    public void fail(ApiException error) {
        event(error.toJson().toBuffer());
        end(null);
    }

    private void event(Buffer json) {
        if (response.closed() || response.ended()) {
            return;
        }
        Buffer b = Buffer.buffer(json.length() + 8).appendBytes(DATA).appendBuffer(json).appendBytes(EOL);
        response.write(b);
    }
}
