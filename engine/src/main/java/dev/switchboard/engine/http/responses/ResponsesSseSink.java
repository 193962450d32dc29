package dev.switchboard.engine.http.responses;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.http.exchange.HttpEventSink;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.responses.ResponsesEmitter;
import dev.switchboard.engine.responses.ResponsesService;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Writes Responses API events as server-sent events ({@code event: <type>} plus {@code data: <json>};
 * no {@code [DONE]}, as OpenAI sends none on this API), with the flow control and client-gone
 * signal of {@link HttpEventSink}.
 */
final class ResponsesSseSink extends HttpEventSink implements ResponsesEmitter.Transport {
    private final ResponsesEmitter emitter;

    ResponsesSseSink(HttpServerResponse response, RoutePlan plan, int writeQueueBytes, ResponsesService service,
                     ResponsesService.Prepared prepared) {
        super(response, plan, writeQueueBytes);
        this.emitter = new ResponsesEmitter(service, prepared, this);
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        super.start(model, attempts);
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
        write(Buffer.buffer("event: " + event.getString("type") + "\ndata: ").appendBuffer(event.toBuffer()).appendString("\n\n"));
    }

    @Override
    public void finish() {
        finish(null);
    }
}
