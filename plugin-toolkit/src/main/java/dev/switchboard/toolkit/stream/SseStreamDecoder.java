package dev.switchboard.toolkit.stream;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The base of a decoder for a Server-Sent Events stream: it frames the bytes into events
 * ({@link SseParser}), tracks the terminal event, and fails a stream that ends before it. A
 * subclass translates one event at a time and calls {@link #markDone()} at its terminal event.
 */
public abstract class SseStreamDecoder implements StreamDecoder {
    private final SseParser sse = new SseParser();
    /** One handler for the stream's life (no lambda per read); {@link #out} is set while it may run. */
    private final SseParser.BytesHandler events = (event, data, length) -> onEvent(event, data, length, this.out);
    private Consumer<ChatChunk> out;
    private boolean done;

    @Override
    public final void feed(Buffer data, Consumer<ChatChunk> out) {
        this.out = out;
        try {
            sse.feedBytes(data, events);
        } finally {
            this.out = null;
        }
    }

    @Override
    public final void end(Consumer<ChatChunk> out) {
        this.out = out;
        try {
            sse.endBytes(events);
        } finally {
            this.out = null;
        }
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
     * Translates one event from its bytes. The default decodes them to a String for
     * {@link #onEvent(String, String, Consumer)}; a decoder that reads JSON overrides this to parse
     * the bytes where they are (no String, no copy).
     *
     * @param event  the SSE event name ({@code message} when none)
     * @param data   the event's data (UTF-8) from index 0; valid only during the call
     * @param length how many bytes of {@code data} are the event's
     * @param out    receives the chunks it produces
     * @throws ProviderException when the event is an upstream error or not the provider's format
     */
    protected void onEvent(String event, byte[] data, int length, Consumer<ChatChunk> out) {
        onEvent(event, new String(data, 0, length, StandardCharsets.UTF_8), out);
    }

    /** Whether the bytes are all whitespace (an event with nothing to read). */
    protected static boolean blank(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
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
