package dev.switchboard.engine.resilience;

import io.vertx.core.json.JsonObject;

/**
 * One upstream attempt of a request, or a candidate passed over without a call.
 *
 * @param model    catalog model id
 * @param outcome  {@code ok}, the error kind in lower case (e.g. {@code rate_limited}), or, for a
 *                 candidate passed over without a call, {@link #BREAKER_OPEN}, {@link #CAPABILITY},
 *                 {@link #CREDENTIALS} or {@link #BUDGET}, or {@link #POOR} for an answer that showed a
 *                 poor-result signal of its route's escalation
 * @param status   the upstream HTTP status, or 0
 * @param millis   how long the attempt took
 * @param poor     what the poor answer showed and cost ({@link #POOR} only), else null
 */
public record Attempt(String model, String outcome, int status, long millis, PoorAnswer poor) {
    /** Skipped: its circuit breaker was open (no call made). */
    public static final String BREAKER_OPEN = "breaker_open";
    /** Skipped: it lacks a capability the request needs (vision, tools, JSON, context window, output length). */
    public static final String CAPABILITY = "capability";
    /** Skipped: its provider has no API key. */
    public static final String CREDENTIALS = "credentials";
    /** Moved behind cheaper candidates: the caller's key is past its {@code prefer-cheaper-at} share of its budget. */
    public static final String BUDGET = "budget";
    /** Answered, but the answer showed a poor-result signal ({@link #poor()} says which). */
    public static final String POOR = "poor";

    /** An attempt that was not a poor answer. */
    public Attempt(String model, String outcome, int status, long millis) {
        this(model, outcome, status, millis, null);
    }

    /** An answer that showed a poor-result signal. */
    public static Attempt poor(String model, long millis, PoorAnswer poor) {
        return new Attempt(model, POOR, 200, millis, poor);
    }

    /** A candidate passed over without a call, for one of the skip outcomes. */
    public static Attempt skip(String model, String outcome) {
        return new Attempt(model, outcome, 0, 0);
    }

    /** This poor answer's attempt, served as it is after all ({@link PoorAnswer#served()}). */
    public Attempt servedAsIs() {
        return new Attempt(model, outcome, status, millis, poor.served());
    }

    /** Whether this is a candidate passed over without an upstream call (any of the skip outcomes). */
    public boolean skipped() {
        return switch (outcome) {
            case BREAKER_OPEN, CAPABILITY, CREDENTIALS, BUDGET -> true;
            default -> false;
        };
    }

    /** The {@code x-switchboard-attempts} element, e.g. {@code claude-sonnet:429}, {@code gpt-4o:ok} or {@code nano:poor(empty)}. */
    public String header() {
        if (poor != null) {
            return model + ":" + POOR + "(" + poor.signal() + ")";
        }
        return model + ":" + ("ok".equals(outcome) ? "ok" : status > 0 ? Integer.toString(status) : outcome);
    }

    /** The JSON listed in error bodies. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("model", model).put("outcome", outcome).put("status", status == 0 ? null : status)
                .put("ms", millis);
        if (poor != null) {
            json.put("signal", poor.signal()).put("escalated", poor.escalated())
                    .put("input_tokens", poor.usage() == null ? null : poor.usage().promptTokens())
                    .put("output_tokens", poor.usage() == null ? null : poor.usage().completionTokens()).put("cost_usd", poor.cost());
        }
        return json;
    }
}
