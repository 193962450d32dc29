package dev.switchboard.engine.tracing;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.UpstreamRequest;

/**
 * The trace of one request, told what happens to it by the pipeline (on the request's event loop,
 * in order): routing, then each upstream attempt, then the end. Every method is a no-op by default,
 * so {@link #NONE} (tracing off) costs a virtual call and nothing else.
 */
public interface RequestTrace {
    /** {@code gen_ai.operation.name} of chat completions, Messages and Responses requests. */
    String CHAT = "chat";
    /** {@code gen_ai.operation.name} of embeddings requests. */
    String EMBEDDINGS = "embeddings";

    /** Tracing off (or the request not traced): does nothing. */
    RequestTrace NONE = new RequestTrace() {
    };

    /** The routing decision begins (the routing span starts here). */
    default void routingStarted() {
    }

    /** The routing decision was made: the routing span ends with the route, router, labels and candidates. */
    default void routed(RoutePlan plan) {
    }

    /** Routing failed (nothing can serve the request): the routing span ends with the error. */
    default void routingFailed(Throwable error) {
    }

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
     * until the stream ends ({@link #ended}), so it covers the whole upstream stream.
     */
    default void attemptServing(Attempt outcome) {
    }

    /** The request ended (answered, failed, or its client went away): the request span ends with the record's attributes. */
    default void ended(RequestRecord record) {
    }
}
