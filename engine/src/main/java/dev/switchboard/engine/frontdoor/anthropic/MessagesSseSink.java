package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.http.Responses;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Writes a stream as Anthropic's Server-Sent Events ({@code event: <name>} plus {@code data: <json>}):
 * an Anthropic upstream's own bytes as they came ({@link #wire}), any other provider's chunks
 * through {@link MessagesEventEncoder}.
 */
final class MessagesSseSink implements StreamSink {
    private final HttpServerResponse response;
    private final RoutePlan plan;
    private final MessagesEventEncoder encoder;
    private boolean wired;

    MessagesSseSink(HttpServerResponse response, RoutePlan plan) {
        this.response = response;
        this.plan = plan;
        this.encoder = new MessagesEventEncoder(plan.features().estimatedInputTokens(), this::event);
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        if (response.closed()) {
            return;
        }
        Responses.eventStream(response);
        Responses.routingHeaders(response, plan, model, attempts);
    }

    @Override
    public void chunk(ChatChunk chunk) {
        encoder.chunk(chunk);
    }

    @Override
    public void wire(Buffer bytes) {
        wired = true;
        if (open()) {
            response.write(bytes);
        }
    }

    @Override
    public void end(Usage usage) {
        if (!wired) {
            encoder.end(usage);
        }
        if (open()) {
            response.end();
        }
    }

    @Override
    public void fail(ApiException error) {
        event("error", AnthropicErrors.INSTANCE.body(error));
        if (open()) {
            response.end();
        }
    }

    /** One SSE event. */
    static Buffer sse(String name, JsonObject data) {
        return Buffer.buffer("event: " + name + "\ndata: ").appendBuffer(data.toBuffer()).appendString("\n\n");
    }

    private void event(String name, JsonObject data) {
        if (open()) {
            response.write(sse(name, data));
        }
    }

    private boolean open() {
        return !response.closed() && !response.ended();
    }
}
