package dev.switchboard.engine.resilience;

import io.vertx.core.json.JsonObject;

/**
 * One upstream attempt of a request.
 *
 * @param model    catalog model id
 * @param outcome  {@code ok}, or the error kind in lower case (e.g. {@code rate_limited})
 * @param status   the upstream HTTP status, or 0
 * @param millis   how long the attempt took
 */
public record Attempt(String model, String outcome, int status, long millis) {

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
