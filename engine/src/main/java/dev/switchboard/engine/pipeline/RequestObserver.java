package dev.switchboard.engine.pipeline;

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
}
