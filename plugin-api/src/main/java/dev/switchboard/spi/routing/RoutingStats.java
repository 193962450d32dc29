package dev.switchboard.spi.routing;

import dev.switchboard.spi.Experimental;
/**
 * Read-only statistics the engine keeps of the traffic it served (those of this node, since it
 * started), for routers that pick by latency or reliability. Never blocks.
 */
@Experimental("asynchronous routers and engine services are new in SPI 1.0")
public interface RoutingStats {

    /**
     * The figures of a catalog model (every request it served or last failed).
     *
     * @param modelId a catalog model id
     * @return its figures; {@link Figures#EMPTY} before its first request
     */
    Figures model(String modelId);

    /**
     * The figures of a route (every request that asked for it).
     *
     * @param route a route name
     * @return its figures; {@link Figures#EMPTY} before its first request
     */
    Figures route(String route);

    /**
     * Figures of one model or route.
     *
     * @param requests     requests counted
     * @param errorRate    failed requests (not cancelled by the client) over requests, 0..1; 0 with none
     * @param p50LatencyMs median latency in milliseconds, or null with no requests
     * @param p95LatencyMs 95th percentile latency in milliseconds, or null with no requests
     * @param quality      the mean feedback score 0..1 of the rated answers ({@code POST /v1/feedback}; ratings this
     *                     node took), or null before the first rating
     */
    record Figures(long requests, double errorRate, Double p50LatencyMs, Double p95LatencyMs, Double quality) {
        /** No requests yet. */
        public static final Figures EMPTY = new Figures(0, 0, null, null, null);
    }
}
