package dev.switchboard.spi.routing;

/**
 * Picks the models for one request. A router is a pure function of the request: no I/O, no
 * blocking, microseconds per call. It is called concurrently from every event loop, so it must be
 * thread-safe (immutable state is simplest).
 */
@FunctionalInterface
public interface Router {

    /**
     * Decides which models serve the request, best first.
     *
     * @param request the parsed request, its features and the catalog
     * @return the ordered candidates with the reason and labels
     */
    RoutingDecision route(RoutingRequest request);

    /**
     * Releases what this router holds (native sessions, files, threads). The engine calls it once, off the
     * event loop, when the routing table that created it is retired (a config change or reload: once the new table
     * is swapped in and the in-flight requests had {@code server.shutdown-timeout-ms} to finish) and at shutdown
     * (after the in-flight requests drained); a router built only to validate a change is closed at once.
     * Failures are logged and never stop the engine; the default does nothing.
     */
    default void close() {
    }
}
