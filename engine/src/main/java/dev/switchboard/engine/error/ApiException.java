package dev.switchboard.engine.error;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * An error answered to a client: HTTP status plus the OpenAI error fields. Stackless: errors are
 * values on the request path. {@link ErrorMapper} is the one place other throwables become one.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final transient JsonObject extra;
    private final transient Duration retryAfter;

    /**
     * @param status     HTTP status
     * @param type       OpenAI error type, e.g. {@code invalid_request_error}
     * @param code       machine-readable code, or null
     * @param param      offending request field, or null
     * @param message    what went wrong and what to do
     * @param extra      more fields for the error object (e.g. {@code attempts}), or null
     * @param retryAfter sent as {@code Retry-After}, or null
     */
    public ApiException(int status, String type, String code, String param, String message, JsonObject extra, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.extra = extra;
        this.retryAfter = retryAfter;
    }

    /** 400 invalid_request_error. */
    public static ApiException badRequest(String param, String message) {
        return new ApiException(400, "invalid_request_error", null, param, message, null, null);
    }

    /** Any status with invalid_request_error type. */
    public static ApiException invalid(int status, String code, String message) {
        return new ApiException(status, "invalid_request_error", code, null, message, null, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The OpenAI error body {@code {"error": {...}}}. */
    public JsonObject toJson() {
        JsonObject error = new JsonObject().put("message", getMessage()).put("type", type).put("param", param).put("code", code);
        if (extra != null) {
            extra.forEach(e -> error.put(e.getKey(), e.getValue()));
        }
        return new JsonObject().put("error", error);
    }
}
