package dev.switchboard.spi.provider;

/**
 * The kind of an upstream failure. The engine decides by kind, never by message text: transient
 * kinds move on to the next candidate (after retries), the others are answered at once.
 */
public enum ErrorKind {
    /** 429 and provider rate-limit errors. */
    RATE_LIMITED(true, 429, "rate_limit_error"),
    /** 503/529, provider overloaded. */
    OVERLOADED(true, 503, "server_error"),
    /** No answer in time. */
    TIMEOUT(true, 504, "timeout_error"),
    /** Connection refused, reset or closed early. */
    CONNECTION(true, 502, "server_error"),
    /** Any other upstream 5xx. */
    UPSTREAM_5XX(true, 502, "server_error"),
    /** The upstream answered 2xx with a body that is not what its API promises. */
    MALFORMED_RESPONSE(true, 502, "server_error"),
    /** 401/403: the provider rejected our credentials. */
    AUTH(false, 401, "authentication_error"),
    /** 400/422 the provider rejected the request. */
    BAD_REQUEST(false, 400, "invalid_request_error"),
    /** The prompt does not fit the model's context window; only a larger model can help. */
    CONTEXT_LENGTH(false, 400, "invalid_request_error"),
    /** Refused by the provider's safety filter. */
    CONTENT_FILTER(false, 400, "invalid_request_error"),
    /** Unknown model or endpoint. */
    NOT_FOUND(false, 404, "invalid_request_error");

    private final boolean transientKind;
    private final int defaultStatus;
    private final String openAiType;

    ErrorKind(boolean transientKind, int defaultStatus, String openAiType) {
        this.transientKind = transientKind;
        this.defaultStatus = defaultStatus;
        this.openAiType = openAiType;
    }

    /** Whether another attempt (same or next model) may succeed. */
    public boolean isTransient() {
        return transientKind;
    }

    /** The HTTP status a client gets when no upstream status applies. */
    public int defaultStatus() {
        return defaultStatus;
    }

    /** The OpenAI error {@code type} for this kind. */
    public String openAiType() {
        return openAiType;
    }

    /** The usual kind for an upstream HTTP status; adapters refine it from the error body. */
    public static ErrorKind forStatus(int status) {
        return switch (status) {
            case 400, 409, 413, 415, 422 -> BAD_REQUEST;
            case 401, 402, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 408 -> TIMEOUT;
            case 429 -> RATE_LIMITED;
            case 503, 529 -> OVERLOADED;
            case 504 -> TIMEOUT;
            default -> status >= 500 ? UPSTREAM_5XX : BAD_REQUEST;
        };
    }
}
