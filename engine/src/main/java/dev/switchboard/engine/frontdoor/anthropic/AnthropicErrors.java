package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorShape;
import io.vertx.core.json.JsonObject;

/**
 * Anthropic's error shape, {@code {"type":"error","error":{"type":...,"message":...}}}, with the
 * statuses Anthropic documents: 400 invalid_request_error, 401 authentication_error, 402
 * billing_error, 403 permission_error, 404 not_found_error, 413 request_too_large, 429
 * rate_limit_error, 500 api_error, 504 timeout_error, 529 overloaded_error. An overloaded upstream
 * and "every candidate's breaker is open" (503) both answer 529, which Anthropic's clients retry.
 * The offending field leads the message, as Anthropic writes it ({@code max_tokens: ...}).
 */
public final class AnthropicErrors implements ErrorShape {
    /** The shape; stateless. */
    public static final AnthropicErrors INSTANCE = new AnthropicErrors();
    static final int OVERLOADED = 529;

    private AnthropicErrors() {
    }

    @Override
    public int status(ApiException e) {
        return overloaded(e) ? OVERLOADED : e.status();
    }

    @Override
    public JsonObject body(ApiException e) {
        return new JsonObject().put("type", "error").put("error", error(e));
    }

    /** The inner {@code error} object (also the payload of a stream's {@code error} event). */
    JsonObject error(ApiException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.param() != null && !message.startsWith(e.param() + ":")) {
            message = e.param() + ": " + message;
        }
        JsonObject error = new JsonObject().put("type", type(e)).put("message", message);
        Object attempts = e.toJson().getJsonObject("error").getValue("attempts");
        if (attempts != null) {
            error.put("attempts", attempts);   // Switchboard's addition: which models were tried
        }
        return error;
    }

    static String type(ApiException e) {
        if (overloaded(e)) {
            return "overloaded_error";
        }
        return switch (e.status()) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            default -> e.status() >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static boolean overloaded(ApiException e) {
        return e.status() == 503 || e.status() == OVERLOADED || "overloaded".equals(e.code());
    }
}
