package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.http.exchange.HttpEventSink;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Writes a stream as Anthropic's Server-Sent Events ({@code event: <name>} plus {@code data: <json>}):
 * an Anthropic upstream's own bytes as they came ({@link #wire}), any other provider's chunks
 * through {@link MessagesEventEncoder}.
 */
final class MessagesSseSink extends HttpEventSink {
    private final MessagesEventEncoder encoder;
    private boolean wired;

    MessagesSseSink(HttpServerResponse response, RoutePlan plan, int writeQueueBytes) {
        super(response, plan, writeQueueBytes);
        this.encoder = new MessagesEventEncoder(plan.features().estimatedInputTokens(), this::event);
    }

    @Override
    public void chunk(ChatChunk chunk) {
        encoder.chunk(chunk);
    }

    @Override
    public void wire(Buffer bytes) {
        wired = true;
        write(bytes);
    }

    @Override
    public void end(Usage usage) {
        if (!wired) {
            encoder.end(usage);
        }
        finish(null);
    }

    @Override
    public void fail(ApiException error) {
        event("error", AnthropicErrors.INSTANCE.body(error));
        finish(null);
    }

    /** One SSE event. */
    static Buffer sse(String name, JsonObject data) {
        return Buffer.buffer("event: " + name + "\ndata: ").appendBuffer(data.toBuffer()).appendString("\n\n");
    }

    private void event(String name, JsonObject data) {
        if (open()) {
            write(sse(name, data));
        }
    }
}
