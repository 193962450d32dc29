package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Where a stream goes (an SSE response, an event-bus address, another front door's encoder).
 * Nothing is called before the first upstream content chunk, so a failure before it falls back
 * invisibly to the client. All methods are called on the request's event loop.
 *
 * <p>Flow control: after each upstream read the producer asks {@link #writeQueueFull()}; when it
 * answers true the producer pauses the upstream response and registers a {@link #drainHandler}, and
 * resumes when that runs. A sink that buffers (an HTTP response, a credit window) must answer true
 * once its buffer passes its bound, or a slow client makes the router hold the whole stream.
 *
 * <p>Cancellation: the producer registers a {@link #goneHandler} before anything is sent; the sink
 * runs it once when its client is gone (connection closed or reset, consumer unregistered or too
 * slow), and the producer then cancels the upstream call and records the request as cancelled.
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

    /**
     * Whether this sink writes OpenAI Chat Completions SSE itself, so whole upstream events of an
     * OpenAI-shaped provider may be handed to {@link #raw} as they came, one call per network read,
     * instead of one {@link #chunk} per event. Default false: chunks only.
     */
    default boolean takesOpenAiSse() {
        return false;
    }

    /**
     * Whole OpenAI SSE {@code data: {chunk}} events exactly as the upstream sent them; called only
     * when {@link #takesOpenAiSse()}, after {@link #start}. Usage, errors and {@code [DONE]} never
     * come this way: they arrive through {@link #chunk}, {@link #fail} and {@link #end}.
     */
    default void raw(Buffer events) {
        throw new UnsupportedOperationException("this sink takes chunks only");
    }

    /**
     * The producer is handling one upstream read: what the sink writes until {@link #readEnded()}
     * may be gathered and written once (one write, one flush, per network read instead of one per
     * event). Always followed by {@code readEnded()}; the default does nothing.
     */
    default void readStarted() {
    }

    /** The read {@link #readStarted()} announced is handled: write what was gathered. */
    default void readEnded() {
    }

    /** Whether the client's queue is over its bound: the producer stops until {@link #drainHandler} runs. */
    default boolean writeQueueFull() {
        return false;
    }

    /** Runs {@code onDrain} once, when a queue that was full has drained below its bound. */
    default void drainHandler(Runnable onDrain) {
    }

    /** Runs {@code onGone} once, when the client is gone; a sink that cannot tell never runs it. */
    default void goneHandler(Runnable onGone) {
    }
}
