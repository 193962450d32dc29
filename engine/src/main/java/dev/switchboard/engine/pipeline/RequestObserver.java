package dev.switchboard.engine.pipeline;

import io.vertx.core.Future;

/**
 * Told about every request; metrics, stats and the decision log implement it. Called on the event
 * loop: implementations must be quick and never block (hand slow work, like file writes, to a
 * worker).
 */
public interface RequestObserver {

    /** A request began (for in-flight gauges). */
    default void started(boolean stream) {
    }

    /** A request ended, successfully or not. */
    void completed(RequestRecord record);

    /**
     * A request ended; the future completes when this observer's bookkeeping has landed (it never
     * fails: an observer logs its own failures). A non-streaming answer is released only then, so
     * what one answer spent is counted before its client can send the next request, on any node.
     * The default calls {@link #completed} and is done at once.
     */
    default Future<Void> settle(RequestRecord record) {
        completed(record);
        return Future.succeededFuture();
    }
}
