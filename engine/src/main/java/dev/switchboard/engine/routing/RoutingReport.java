package dev.switchboard.engine.routing;

import io.vertx.core.json.JsonObject;

/**
 * The routing cost and fallback of one request, as the decision log, stats and metrics show it.
 *
 * @param fallback     why the route's fallback decided ({@link FallbackReason#tag()}), or null
 * @param calls        completions the router asked for that were answered
 * @param inputTokens  their input tokens
 * @param outputTokens their output tokens
 * @param costUsd      their USD cost (catalog prices), apart from the answer's
 * @param unpriced     calls whose model has no price (not in {@code costUsd})
 */
public record RoutingReport(String fallback, int calls, long inputTokens, long outputTokens, double costUsd, int unpriced) {

    /** {@code {fallback, calls, input_tokens, output_tokens, cost_usd, unpriced_calls}}. */
    public JsonObject toJson() {
        return new JsonObject().put("fallback", fallback).put("calls", calls).put("input_tokens", inputTokens)
                .put("output_tokens", outputTokens).put("cost_usd", costUsd).put("unpriced_calls", unpriced);
    }
}
