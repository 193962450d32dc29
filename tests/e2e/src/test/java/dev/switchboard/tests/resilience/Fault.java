package dev.switchboard.tests.resilience;

import java.util.Map;

/**
 * One scripted behaviour of {@link FaultyUpstream}; build it with the static factories.
 *
 * @param kind    what to do
 * @param status  HTTP status of an {@code ERROR}
 * @param type    OpenAI error type of an {@code ERROR}
 * @param code    OpenAI error code of an {@code ERROR}, or null
 * @param message error message of an {@code ERROR}
 * @param headers extra response headers (Retry-After)
 * @param delayMs delay before the headers of {@code SLOW_FIRST_BYTE}
 * @param chunks  content chunks sent before a {@code CUT}, {@code STALL}, {@code END_EARLY} or {@code ERROR_EVENT}
 */
public record Fault(Kind kind, int status, String type, String code, String message, Map<String, String> headers,
                    long delayMs, int chunks) {
    /** What a fault does. */
    public enum Kind { OK, ERROR, SLOW_FIRST_BYTE, HANG, RESET, MALFORMED, CUT, STALL, END_EARLY, ERROR_EVENT }

    public static Fault ok() {
        return new Fault(Kind.OK, 200, null, null, null, Map.of(), 0, 0);
    }

    /** An OpenAI error body with the given status. */
    public static Fault error(int status, String type, String code, String message) {
        return new Fault(Kind.ERROR, status, type, code, message, Map.of(), 0, 0);
    }

    /** 429 with {@code retry-after: seconds}. */
    public static Fault rateLimited(String retryAfterSeconds) {
        return new Fault(Kind.ERROR, 429, "requests", "rate_limit_exceeded", "Rate limit reached for requests",
                Map.of("retry-after", retryAfterSeconds), 0, 0);
    }

    /** 429 with {@code retry-after-ms}. */
    public static Fault rateLimitedMs(long retryAfterMs) {
        return new Fault(Kind.ERROR, 429, "requests", "rate_limit_exceeded", "Rate limit reached for requests",
                Map.of("retry-after-ms", Long.toString(retryAfterMs)), 0, 0);
    }

    /** 429 without Retry-After. */
    public static Fault rateLimited() {
        return error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests");
    }

    public static Fault serverError() {
        return error(500, "server_error", null, "The server had an error while processing your request.");
    }

    public static Fault unavailable() {
        return error(503, "server_error", null, "The engine is currently overloaded, please try again later.");
    }

    /** Anthropic's 529 overloaded, in the OpenAI body shape. */
    public static Fault overloaded() {
        return error(529, "overloaded_error", "overloaded", "Overloaded");
    }

    public static Fault badRequest() {
        return error(400, "invalid_request_error", "invalid_value", "Invalid value for 'temperature': must be <= 2.");
    }

    public static Fault unauthorized() {
        return error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-****.");
    }

    public static Fault contextLength() {
        return error(400, "invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.");
    }

    /** Waits {@code ms} before sending anything, then answers normally. */
    public static Fault slowFirstByte(long ms) {
        return new Fault(Kind.SLOW_FIRST_BYTE, 200, null, null, null, Map.of(), ms, 0);
    }

    /** Never answers. */
    public static Fault hang() {
        return new Fault(Kind.HANG, 0, null, null, null, Map.of(), 0, 0);
    }

    /** Closes the connection abruptly before answering. */
    public static Fault reset() {
        return new Fault(Kind.RESET, 0, null, null, null, Map.of(), 0, 0);
    }

    /** 200 with a body that is not JSON ({@code {not json}, or an SSE event of it). */
    public static Fault malformed() {
        return new Fault(Kind.MALFORMED, 200, null, null, null, Map.of(), 0, 0);
    }

    /** Streams: role chunk and {@code n} content chunks, then closes without {@code [DONE]}. */
    public static Fault cutAfter(int n) {
        return new Fault(Kind.CUT, 200, null, null, null, Map.of(), 0, n);
    }

    /** Streams: role chunk and {@code n} content chunks, then silence (the connection stays open). */
    public static Fault stallAfter(int n) {
        return new Fault(Kind.STALL, 200, null, null, null, Map.of(), 0, n);
    }

    /** Streams: role chunk and {@code n} content chunks, then a clean end of the HTTP body without {@code [DONE]}. */
    public static Fault endWithoutDoneAfter(int n) {
        return new Fault(Kind.END_EARLY, 200, null, null, null, Map.of(), 0, n);
    }

    /** Streams: role chunk, {@code n} content chunks, then an in-stream {@code data: {"error": ...}} event and [DONE]. */
    public static Fault errorEventAfter(int n) {
        return new Fault(Kind.ERROR_EVENT, 200, "server_error", null, "The server had an error while streaming.", Map.of(), 0, n);
    }
}
