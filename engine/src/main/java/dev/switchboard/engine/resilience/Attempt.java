package dev.switchboard.engine.resilience;

import io.vertx.core.json.JsonObject;

/**
 * One upstream attempt of a request, or a candidate passed over without a call.
 *
 * @param model    catalog model id
 * @param outcome  {@code ok}, the error kind in lower case (e.g. {@code rate_limited}), or, for a
 *                 candidate passed over without a call, {@link #BREAKER_OPEN}, {@link #CAPABILITY},
 *                 {@link #CREDENTIALS} or {@link #BUDGET}
 * @param status   the upstream HTTP status, or 0
 * @param millis   how long the attempt took
 */
public record Attempt(String model, String outcome, int status, long millis) {
    /** Skipped: its circuit breaker was open (no call made). */
    public static final String BREAKER_OPEN = "breaker_open";
    /** Skipped: it lacks a capability the request needs (vision, tools, JSON, context window, output length). */
    public static final String CAPABILITY = "capability";
    /** Skipped: its provider has no API key. */
    public static final String CREDENTIALS = "credentials";
    /** Moved behind cheaper candidates: the caller's key is past its {@code prefer-cheaper-at} share of its budget. */
    public static final String BUDGET = "budget";

    /** A candidate passed over without a call, for one of the skip outcomes. */
    public static Attempt skip(String model, String outcome) {
        return new Attempt(model, outcome, 0, 0);
    }

    /** Whether this is a candidate passed over without an upstream call (any of the skip outcomes). */
    public boolean skipped() {
        return switch (outcome) {
            case BREAKER_OPEN, CAPABILITY, CREDENTIALS, BUDGET -> true;
            default -> false;
        };
    }

    /** The {@code x-switchboard-attempts} element, e.g. {@code claude-sonnet:429} or {@code gpt-4o:ok}. */
    public String header() {
        return model + ":" + ("ok".equals(outcome) ? "ok" : status > 0 ? Integer.toString(status) : outcome);
    }

    /** The JSON listed in error bodies. */
    public JsonObject toJson() {
        return new JsonObject().put("model", model).put("outcome", outcome).put("status", status == 0 ? null : status)
                .put("ms", millis);
    }
}
