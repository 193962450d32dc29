package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.AttemptTrace;

/**
 * The trace of one request, told what happens to it by the pipeline (on the request's event loop,
 * in order): routing, then each upstream attempt (the attempt loop's {@link AttemptTrace}), then
 * the end. Every method is a no-op by default, so {@link #NONE} (tracing off) costs a virtual call
 * and nothing else. Declared here, like {@link RequestObserver}, so the pipeline does not depend on
 * tracing (its OpenTelemetry implementation is in {@code tracing.impl}).
 */
public interface RequestTrace extends AttemptTrace {
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

    /** The request ended (answered, failed, or its client went away): the request span ends with the record's attributes. */
    default void ended(RequestRecord record) {
    }
}
