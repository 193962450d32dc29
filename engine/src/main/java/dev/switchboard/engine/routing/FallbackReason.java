package dev.switchboard.engine.routing;

/** Why a route's fallback decided instead of its router (the {@code reason} tag of the fallback metric). */
public enum FallbackReason {
    /** The router did not answer within the route's {@code decision-timeout-ms}. */
    TIMEOUT("timeout"),
    /** The router threw or its future failed. */
    FAILED("failed"),
    /** The routing worker pool's queue was full. */
    REJECTED("rejected"),
    /** The router answered no decision (null). */
    EMPTY("empty"),
    /** The decision named no known catalog model or route. */
    UNKNOWN_MODEL("unknown_model");

    private final String tag;

    FallbackReason(String tag) {
        this.tag = tag;
    }

    /** The lower-case name shown in {@code x-switchboard-reason}, the decision log and the metric. */
    public String tag() {
        return tag;
    }
}
