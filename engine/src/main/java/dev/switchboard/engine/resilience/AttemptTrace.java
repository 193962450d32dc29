package dev.switchboard.engine.resilience;

import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.UpstreamRequest;

/**
 * What the attempt loop tells a request's trace, on the request's event loop, in order. Declared
 * here so the loop does not depend on tracing (the tracing package's {@code RequestTrace} extends
 * it). Every method is a no-op by default, so {@link #NONE} costs a virtual call and nothing else.
 */
public interface AttemptTrace {
    /** Not traced: does nothing. */
    AttemptTrace NONE = new AttemptTrace() {
    };

    /**
     * An upstream attempt begins on {@code model}: its span starts, a child of the request's span,
     * and the call goes out with that span's context in its {@code traceparent} header.
     *
     * @param providerType the provider's adapter type ({@code gen_ai.system}, e.g. {@code openai})
     * @param call         the call the adapter built
     * @return the call to send: {@code call} itself, or a copy carrying {@code traceparent}
     */
    default UpstreamRequest attemptStarted(ModelDescriptor model, String providerType, UpstreamRequest call) {
        return call;
    }

    /** The attempt in flight ended with {@code outcome} (failed, skipped by an open breaker, cancelled, or answered). */
    default void attemptEnded(Attempt outcome) {
    }

    /**
     * The stream in flight committed to its model (first content sent): its attempt span stays open
     * until the request ends, so it covers the whole upstream stream.
     */
    default void attemptServing(Attempt outcome) {
    }
}
