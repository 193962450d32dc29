package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.HttpEventSink;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * Writes a stream as OpenAI Server-Sent Events: one {@code data:} event per chunk, then
 * {@code [DONE]}. The response's write queue is bounded ({@code server.stream-write-queue-bytes}):
 * past it the sink says it is full and the upstream read pauses until the client has caught up.
 */
final class SseSink extends HttpEventSink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOL = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    SseSink(HttpServerResponse response, RoutePlan plan, int writeQueueBytes) {
        super(response, plan, writeQueueBytes);
    }

    @Override
    public boolean takesOpenAiSse() {
        return true;
    }

    @Override
    public void raw(Buffer events) {
        write(events);
    }

    @Override
    public void chunk(ChatChunk chunk) {
        if (open()) {
            write(chunk.appendTo(Buffer.buffer(256).appendBytes(DATA)).appendBytes(EOL));
        }
    }

    @Override
    public void end(Usage usage) {
        finish(DONE.copy());
    }

    @Override
    public void fail(ApiException error) {
        event(error.toJson().toBuffer());
        end(null);
    }

    private void event(Buffer json) {
        if (open()) {
            write(Buffer.buffer(json.length() + 8).appendBytes(DATA).appendBuffer(json).appendBytes(EOL));
        }
    }
}
