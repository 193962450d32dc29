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

/** Writes a stream as OpenAI Server-Sent Events: one {@code data:} event per chunk, then {@code [DONE]}. */
public final class SseSink implements StreamSink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOL = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final CharSequence X_ACCEL_BUFFERING = HttpHeaders.createOptimized("x-accel-buffering");
    private static final CharSequence NO = HttpHeaders.createOptimized("no");

    private final HttpServerResponse response;
    private final RoutePlan plan;

    SseSink(HttpServerResponse response, RoutePlan plan) {
        this.response = response;
        this.plan = plan;
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        open(response, plan, model, attempts);
    }

    /**
     * Starts an event stream: status 200, chunked, {@code text/event-stream}, no caching or proxy
     * buffering, the routing headers. Shared by every front door that streams server-sent events.
     *
     * @return false when the client has already gone
     */
    public static boolean open(HttpServerResponse response, RoutePlan plan, ModelDescriptor model, List<Attempt> attempts) {
        if (response.closed()) {
            return false;
        }
        response.setStatusCode(200).setChunked(true)
                .putHeader(Responses.CONTENT_TYPE, EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE)
                .putHeader(X_ACCEL_BUFFERING, NO);
        Responses.routingHeaders(response, plan, model, attempts);
        return true;
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
