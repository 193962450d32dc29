package dev.switchboard.engine.http.responses;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.http.SseSink;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.engine.responses.ResponseStream;
import dev.switchboard.engine.responses.ResponsesService;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes a chat stream as Responses API server-sent events ({@code event: <type>} plus
 * {@code data: <json>}; no {@code [DONE]}, as OpenAI sends none on this API). The final response is
 * stored before the stream ends, so a client that continues with {@code previous_response_id} as
 * soon as it has read the stream finds it.
 */
final class ResponsesSseSink implements StreamSink {
    private static final Logger LOG = Logger.getLogger(ResponsesSseSink.class.getName());
    private final HttpServerResponse response;
    private final RoutePlan plan;
    private final ResponsesService service;
    private final ResponsesService.Prepared prepared;
    private final ResponseStream events;

    ResponsesSseSink(HttpServerResponse response, RoutePlan plan, ResponsesService service, ResponsesService.Prepared prepared) {
        this.response = response;
        this.plan = plan;
        this.service = service;
        this.prepared = prepared;
        this.events = service.events(prepared, this::write);
    }

    @Override
    public void start(ModelDescriptor model, List<Attempt> attempts) {
        SseSink.open(response, plan, model, attempts);
        events.start(model.id());
    }

    @Override
    public void chunk(ChatChunk chunk) {
        events.chunk(chunk);
    }

    @Override
    public void end(Usage usage) {
        JsonObject done = events.complete(usage);
        service.save(prepared, done).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warning("response " + prepared.id() + " could not be stored: " + ar.cause());
            }
            finish();
        });
    }

    @Override
    public void fail(ApiException error) {
        events.error(error);
        finish();
    }

    private void finish() {
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }

    private void write(JsonObject event) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.write(Buffer.buffer("event: " + event.getString("type") + "\ndata: ").appendBuffer(event.toBuffer()).appendString("\n\n"));
    }
}
