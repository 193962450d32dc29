package dev.switchboard.engine.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the front doors allow a client connection ({@code server.*}), shared by every event loop.
 *
 * @param headerMs       a new connection's first request headers must arrive within this
 * @param idleMs         a connection with nothing in flight is closed after this
 * @param bodyMs         a request body must arrive within this after its headers
 * @param maxConnections open connections per node; beyond it, 503 with Retry-After
 * @param open           the node's open-connection count
 */
public record ServerLimits(long headerMs, long idleMs, long bodyMs, int maxConnections, AtomicInteger open) {
    public ServerLimits {
        if (headerMs <= 0 || idleMs <= 0 || bodyMs <= 0 || maxConnections <= 0 || open == null) {
            throw new IllegalArgumentException("timeouts and maxConnections must be positive and open set");
        }
    }
}
