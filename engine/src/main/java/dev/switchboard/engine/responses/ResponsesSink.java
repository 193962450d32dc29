package dev.switchboard.engine.responses;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.logging.Logger;

/**
 * A stream sink that writes Responses API events, for any transport (SSE, event bus). The final
 * event ({@code response.completed}/{@code response.incomplete}) is held until the response is
 * stored, so a client that continues with {@code previous_response_id} as soon as it has it finds it.
 */
public abstract class ResponsesSink implements StreamSink {
    private static final Logger LOG = Logger.getLogger(ResponsesSink.class.getName());
    private final ResponsesService service;
    private final ResponsesService.Prepared prepared;
    private final ResponseStream events;
    private JsonObject held;

    protected ResponsesSink(ResponsesService service, ResponsesService.Prepared prepared) {
        this.service = service;
        this.prepared = prepared;
        this.events = service.events(prepared, this::onEvent);
    }

    /** The response id. */
    protected String id() {
        return prepared.id();
    }

    /** The stream committed to {@code model}: say so on the transport (status, headers, a reply). */
    protected abstract void opened(ModelDescriptor model, List<Attempt> attempts);

    /** Sends one event. */
    protected abstract void write(JsonObject event);

    /** Ends the transport after the last event. */
    protected abstract void finish();

    @Override
    public final void start(ModelDescriptor model, List<Attempt> attempts) {
        opened(model, attempts);
        events.start(model.id());
    }

    @Override
    public final void chunk(ChatChunk chunk) {
        events.chunk(chunk);
    }

    @Override
    public final void end(Usage usage) {
        JsonObject done = events.complete(usage);
        service.save(prepared, done).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warning("response " + prepared.id() + " could not be stored: " + ar.cause());
            }
            if (held != null) {
                write(held);
            }
            finish();
        });
    }

    @Override
    public final void fail(ApiException error) {
        events.error(error);
        finish();
    }

    private void onEvent(JsonObject event) {
        String type = event.getString("type");
        if ("response.completed".equals(type) || "response.incomplete".equals(type)) {
            held = event;
        } else {
            write(event);
        }
    }
}
