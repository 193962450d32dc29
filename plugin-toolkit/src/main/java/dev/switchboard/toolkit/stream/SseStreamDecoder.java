package dev.switchboard.toolkit.stream;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * The base of a decoder for a Server-Sent Events stream: it frames the bytes into events
 * ({@link SseParser}), tracks the terminal event, and fails a stream that ends before it. A
 * subclass translates one event at a time and calls {@link #markDone()} at its terminal event.
 */
public abstract class SseStreamDecoder implements StreamDecoder {
    private final SseParser sse = new SseParser();
    private boolean done;

    @Override
    public final void feed(Buffer data, Consumer<ChatChunk> out) {
        sse.feed(data, (event, payload) -> onEvent(event, payload, out));
    }

    @Override
    public final void end(Consumer<ChatChunk> out) {
        sse.end((event, payload) -> onEvent(event, payload, out));
        if (!done) {
            throw endedEarly();
        }
        onEnd(out);
    }

    @Override
    public final boolean done() {
        return done;
    }

    /** True when {@link #openAiPassThrough()} and no partial event is held. */
    @Override
    public final boolean passThroughReady() {
        return openAiPassThrough() && !done && sse.atEventBoundary();
    }

    /**
     * Whether this stream is OpenAI Chat Completions SSE that an OpenAI client may receive as it
     * is (see {@link StreamDecoder#passThroughReady()}); false by default.
     */
    protected boolean openAiPassThrough() {
        return false;
    }

    /** Records that the terminal event was seen. */
    protected final void markDone() {
        done = true;
    }

    /**
     * Translates one event.
     *
     * @param event the SSE event name ({@code message} when none)
     * @param data  the event's data
     * @param out   receives the chunks it produces
     * @throws ProviderException when the event is an upstream error or not the provider's format
     */
    protected abstract void onEvent(String event, String data, Consumer<ChatChunk> out);

    /** The error for a stream that ended before its terminal event. */
    protected abstract ProviderException endedEarly();

    /** Called after a complete stream ended, e.g. to emit a final usage chunk; does nothing by default. */
    protected void onEnd(Consumer<ChatChunk> out) {
    }
}
