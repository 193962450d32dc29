package dev.switchboard.engine.routing;

import dev.switchboard.spi.chat.Usage;

/**
 * What routing one request took beyond the router's own CPU: the fallback that decided, if any,
 * and the completions its router asked the engine for ({@code RoutingServices.complete}). Those
 * calls may finish on any thread: the ledger is synchronized. Created only for a route whose
 * router is asynchronous or blocking, or when a fallback decided: a pure route's plan has none.
 */
public final class RoutingLedger {
    private FallbackReason fallback;
    private int calls;
    private long inputTokens;
    private long outputTokens;
    private double cost;
    private int unpriced;

    /** A ledger that starts with the fallback having decided. */
    public static RoutingLedger fellBack(FallbackReason why) {
        RoutingLedger l = new RoutingLedger();
        l.fallback(why);
        return l;
    }

    /** Records that the fallback decided; the first reason stands. */
    public synchronized void fallback(FallbackReason why) {
        if (fallback == null) {
            fallback = why;
        }
    }

    /**
     * Records one routing call that was answered.
     *
     * @param usage its usage, or null when the upstream reported none
     * @param costUsd its cost, or null when its model has no price
     */
    public synchronized void call(Usage usage, Double costUsd) {
        calls++;
        if (usage != null) {
            inputTokens += usage.promptTokens();
            outputTokens += usage.completionTokens();
        }
        if (costUsd != null) {
            cost += costUsd;
        } else {
            unpriced++;
        }
    }

    /** The figures so far. */
    public synchronized RoutingReport report() {
        return new RoutingReport(fallback == null ? null : fallback.tag(), calls, inputTokens, outputTokens,
                calls == 0 ? 0.0 : cost, unpriced);
    }
}
