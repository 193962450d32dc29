package dev.switchboard.engine.http;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a stream as OpenAI Server-Sent Events: one {@code data:} event per chunk, then {@code [DONE]}. */
final class SseSink implements StreamSink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOL = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final HttpServerResponse response;
    private final RoutePlan plan;

    SseSink(HttpServerResponse response, RoutePlan plan) {
        this.response = response;
        this.plan = plan;
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
