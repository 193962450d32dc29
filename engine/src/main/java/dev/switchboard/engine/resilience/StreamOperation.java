package dev.switchboard.engine.resilience;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;

/**
 * One kind of streaming upstream call: how it is built and how its stream is decoded into
 * canonical chunks. The chat stream is {@link #chat}; a front door that can reach a provider's
 * own API (the Responses API) supplies another, and the run (first-token commit, fallback before
 * it, stall timer, breakers) stays the same.
 */
public interface StreamOperation {

    /**
     * Builds the streaming call to {@code model}.
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException when the request cannot be expressed for this provider
     */
    UpstreamRequest build(ProviderAdapter adapter, ModelDescriptor model);

    /** A fresh decoder for the stream of the call {@link #build} made last. */
    StreamDecoder decoder(ProviderAdapter adapter, ModelDescriptor model);

    /**
     * Whether the call {@link #build} made last forwards the client's own wire API: its stream's
     * bytes then go to {@link StreamSink#wire} as they came, and the decoder only counts usage.
     */
    default boolean wire() {
        return false;
    }

    /** The chat completions stream of a request. */
    static StreamOperation chat(ChatRequest request) {
        return new ChatOperation(request, null);
    }
}
