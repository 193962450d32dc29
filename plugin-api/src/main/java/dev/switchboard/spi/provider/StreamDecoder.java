package dev.switchboard.spi.provider;

import dev.switchboard.spi.chat.ChatChunk;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Decodes one upstream stream into canonical chunks, incrementally: bytes arrive in arbitrary
 * pieces (an event may be split anywhere). One decoder per stream; not thread-safe.
 */
public interface StreamDecoder {

    /**
     * Feeds the next bytes and emits every chunk they complete.
     *
     * @throws ProviderException when the upstream reports an error inside the stream or sends
     *                           something that is not its stream format
     */
    void feed(Buffer data, Consumer<ChatChunk> out);

    /**
     * Called when the upstream closed the stream; emits what is left.
     *
     * @throws ProviderException when the stream ended before its terminal event
     */
    void end(Consumer<ChatChunk> out);

    /** Whether the terminal event (e.g. {@code [DONE]}, {@code message_stop}) has been seen. */
    boolean done();

    /**
     * Whether the rest of this stream may be forwarded to an OpenAI Chat Completions client byte
     * for byte, as it arrives: true only for an upstream that itself speaks OpenAI Chat Completions
     * SSE, and only while the decoder holds nothing of a partial event. The engine then forwards
     * plain {@code data: {chunk}} events unparsed and feeds this decoder only the events it must
     * read (usage, errors, {@code [DONE]}, comments, anything unusual), each whole. Default false:
     * every byte is decoded.
     */
    default boolean passThroughReady() {
        return false;
    }
}
