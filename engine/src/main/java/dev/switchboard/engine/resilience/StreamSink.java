package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;

/**
 * Where a stream goes (an SSE response, an event-bus address). Nothing is called before the first
 * upstream content chunk, so a failure before it falls back invisibly to the client.
 */
public interface StreamSink {

    /** The stream is committed to {@code model}; called once, before the first chunk. */
    void start(ModelDescriptor model, List<Attempt> attempts);

    /** One chunk, in order. */
    void chunk(ChatChunk chunk);

    /**
     * Upstream bytes of a stream forwarded in the client's own wire API
     * ({@link dev.switchboard.spi.provider.NativeRequest}), in order, instead of {@link #chunk}
     * calls: after {@link #start} of such an attempt every byte the upstream sent arrives here, and
     * {@link #end} adds nothing. Only sinks of front doors that offer a native request get them.
     */
    default void wire(io.vertx.core.buffer.Buffer bytes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no wire bytes");
    }

    /** The upstream finished normally; {@code usage} (cost included) is the last usage seen, or null. */
    void end(Usage usage);

    /** The stream broke after {@link #start}: end it with an error event, never silently. */
    void fail(ApiException error);
}
