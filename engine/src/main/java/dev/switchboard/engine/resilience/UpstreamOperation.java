package dev.switchboard.engine.resilience;

import dev.switchboard.engine.quality.PoorResult;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;

/**
 * One kind of non-streaming upstream call the attempt loop can make: chat completions, embeddings,
 * a native Responses API call. The loop (retries, fallbacks, breakers, timeouts) is the same for
 * every kind; only how the call is built from the adapter and how its 2xx body is read differ.
 * A front door with its own request shape supplies one of these to
 * {@link FallbackExecutor#call} (and {@code ChatService#call}).
 *
 * @param <T> what the 2xx body becomes
 */
public interface UpstreamOperation<T> {

    /**
     * Builds the call to {@code model} through its provider's adapter.
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException when the request cannot be expressed for this provider
     */
    UpstreamRequest build(ProviderAdapter adapter, ModelDescriptor model);

    /**
     * Reads the 2xx body of the call {@link #build} made.
     *
     * @throws dev.switchboard.spi.provider.ProviderException when the body is not what the API promises
     */
    T decode(ProviderAdapter adapter, Buffer body, ModelDescriptor model);

    /**
     * Whether the call {@link #build} made last forwards the client's own wire API (a front
     * door's {@link dev.switchboard.spi.provider.NativeRequest}): its 2xx bytes then reach the
     * client as they came ({@link Served#wire()}).
     */
    default boolean wire() {
        return false;
    }

    /**
     * The poor-result signal {@code answer} shows for its route's {@code judge}, or null when it is
     * good or this kind of call is never judged (the default: only chat answers escalate).
     */
    default String poorSignal(T answer, PoorResult judge) {
        return null;
    }

    /** The usage {@code answer} reports, or null (what a poor answer escalated from adds to the request's). */
    default Usage usage(T answer) {
        return null;
    }
}
