package dev.switchboard.engine.http.responses;

import dev.switchboard.engine.http.SseSink;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.responses.ResponsesService;
import dev.switchboard.engine.responses.ResponsesSink;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Writes Responses API events as server-sent events ({@code event: <type>} plus {@code data: <json>};
 * no {@code [DONE]}, as OpenAI sends none on this API).
 */
final class ResponsesSseSink extends ResponsesSink {
    private final HttpServerResponse response;
    private final RoutePlan plan;

    ResponsesSseSink(HttpServerResponse response, RoutePlan plan, ResponsesService service, ResponsesService.Prepared prepared) {
        super(service, prepared);
        this.response = response;
        this.plan = plan;
    }

    @Override
    protected void opened(ModelDescriptor model, List<Attempt> attempts) {
        SseSink.open(response, plan, model, attempts);
    }

    @Override
    protected void write(JsonObject event) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.write(Buffer.buffer("event: " + event.getString("type") + "\ndata: ").appendBuffer(event.toBuffer()).appendString("\n\n"));
    }

    @Override
    protected void finish() {
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }
}
