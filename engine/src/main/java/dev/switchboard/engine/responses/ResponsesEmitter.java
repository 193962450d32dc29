package dev.switchboard.engine.responses;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/**
 * Turns a stream's chunks into Responses API events for any transport: the SSE and event-bus sinks
 * (which extend their transport's flow-controlled base) feed it and write what it emits. The final
 * event ({@code response.completed}/{@code response.incomplete}) is held until the response is
 * stored, so a client that continues with {@code previous_response_id} as soon as it has it finds it.
 */
public final class ResponsesEmitter {
    private static final Logger LOG = Logger.getLogger(ResponsesEmitter.class.getName());

    /** Where the events go. */
    public interface Transport {
        /**
         * Sends one event.
         *
         * @param last whether it is the stream's last ({@code response.completed},
         *             {@code response.incomplete} or {@code error})
         */
        void write(JsonObject event, boolean last);

        /** Ends the transport after the last event. */
        void finish();
    }

    private final ResponsesService service;
    private final ResponsesService.Prepared prepared;
    private final Transport transport;
    private final ResponseStream events;
    private JsonObject held;

    public ResponsesEmitter(ResponsesService service, ResponsesService.Prepared prepared, Transport transport) {
        this.service = service;
        this.prepared = prepared;
        this.transport = transport;
        this.events = service.events(prepared, this::onEvent);
    }

    /** The response id. */
    public String id() {
        return prepared.id();
    }

    /** The stream committed to {@code model}: emits {@code response.created} and {@code response.in_progress}. */
    public void start(ModelDescriptor model) {
        events.start(model.id());
    }

    public void chunk(ChatChunk chunk) {
        events.chunk(chunk);
    }

    /** The upstream finished: stores the response, then sends the held final event and finishes. */
    public void end(Usage usage) {
        JsonObject done = events.complete(usage);
        service.save(prepared, done).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warning("response " + prepared.id() + " could not be stored: " + ar.cause());
            }
            if (held != null) {
                transport.write(held, true);
            }
            transport.finish();
        });
    }

    /** The stream failed after its start: emits the {@code error} event and finishes. */
    public void fail(ApiException error) {
        events.error(error);
        transport.finish();
    }

    private void onEvent(JsonObject event) {
        String type = event.getString("type");
        if ("response.completed".equals(type) || "response.incomplete".equals(type)) {
            held = event;
        } else {
            transport.write(event, "error".equals(type));
        }
    }
}
