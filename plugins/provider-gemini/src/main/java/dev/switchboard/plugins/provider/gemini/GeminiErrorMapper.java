package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.toolkit.provider.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Maps Google API errors ({@code {"error": {"code", "message", "status", "details"}}}) to
 * {@link ProviderException}s. The kind comes from the canonical {@code status} string when there is
 * one, else from the HTTP status; two refinements read the body: an invalid API key (Gemini answers
 * 400 {@code API_KEY_INVALID}) is {@code AUTH}, and a prompt over the model's token limit is
 * {@code CONTEXT_LENGTH}. The wait is the {@code Retry-After} header, else the
 * {@code google.rpc.RetryInfo} detail's {@code retryDelay}. The provider's message is kept as is.
 */
final class GeminiErrorMapper {

    private static final Map<String, ErrorKind> KINDS = Map.ofEntries(
            Map.entry("RESOURCE_EXHAUSTED", ErrorKind.RATE_LIMITED),
            Map.entry("UNAVAILABLE", ErrorKind.OVERLOADED),
            Map.entry("INTERNAL", ErrorKind.UPSTREAM_5XX),
            Map.entry("UNKNOWN", ErrorKind.UPSTREAM_5XX),
            Map.entry("DATA_LOSS", ErrorKind.UPSTREAM_5XX),
            Map.entry("DEADLINE_EXCEEDED", ErrorKind.TIMEOUT),
            Map.entry("UNAUTHENTICATED", ErrorKind.AUTH),
            Map.entry("PERMISSION_DENIED", ErrorKind.AUTH),
            Map.entry("INVALID_ARGUMENT", ErrorKind.BAD_REQUEST),
            Map.entry("FAILED_PRECONDITION", ErrorKind.BAD_REQUEST),
            Map.entry("OUT_OF_RANGE", ErrorKind.BAD_REQUEST),
            Map.entry("NOT_FOUND", ErrorKind.NOT_FOUND));

    /** Gemini's wording when the prompt is over the model's input limit. */
    private static final String[] TOKEN_LIMIT_WORDING = {"exceeds the maximum number of tokens", "input token count"};

    /** Maps a non-2xx answer; bodies that are not Google error JSON keep their text as the message. */
    ProviderException map(int status, MultiMap headers, Buffer body) {
        String text = body == null ? "" : body.toString();
        JsonObject error = errorObject(GeminiJson.decode(text));
        if (error == null) {
            String message = text.isBlank() ? "HTTP " + status : GeminiJson.truncate(text);
            return new ProviderException(ErrorKind.forStatus(status), status, null, message, RetryAfter.parse(headers));
        }
        return fromError(status, headers, error);
    }

    /**
     * Maps a Google {@code error} object.
     *
     * @param status the HTTP status, or 0 for an error inside a 2xx body or stream
     */
    ProviderException fromError(int status, MultiMap headers, JsonObject error) {
        String googleStatus = GeminiJson.str(error.getValue("status"));
        String message = GeminiJson.str(error.getValue("message"));
        if (message == null || message.isBlank()) {
            message = googleStatus != null ? googleStatus : "HTTP " + status;
        }
        JsonArray details = GeminiJson.arr(error, "details");
        String reason = detail(details, "google.rpc.ErrorInfo", "reason");
        ErrorKind kind = refine(baseKind(status, googleStatus, error.getValue("code")), reason, message);
        Duration retryAfter = RetryAfter.parse(headers);
        if (retryAfter == null) {
            retryAfter = retryDelay(details);
        }
        return new ProviderException(kind, status, reason != null ? reason : googleStatus, message, retryAfter);
    }

    private static ErrorKind baseKind(int status, String googleStatus, Object code) {
        if (googleStatus != null && KINDS.containsKey(googleStatus)) {
            return KINDS.get(googleStatus);
        }
        if (status == 0 && code instanceof Number) {
            return ErrorKind.forStatus(((Number) code).intValue());
        }
        return status == 0 ? ErrorKind.UPSTREAM_5XX : ErrorKind.forStatus(status);
    }

    private static ErrorKind refine(ErrorKind kind, String reason, String message) {
        String lowered = message.toLowerCase(Locale.ROOT);
        if ("API_KEY_INVALID".equals(reason) || lowered.contains("api key not valid")) {
            return ErrorKind.AUTH;
        }
        if (kind == ErrorKind.BAD_REQUEST) {
            for (String wording : TOKEN_LIMIT_WORDING) {
                if (lowered.contains(wording) && lowered.contains("exceed")) {
                    return ErrorKind.CONTEXT_LENGTH;
                }
            }
        }
        return kind;
    }

    /** The error object of {@code {"error": {...}}}, also when wrapped in an array as stream endpoints do. */
    private static JsonObject errorObject(Object parsed) {
        if (parsed instanceof JsonArray && !((JsonArray) parsed).isEmpty()) {
            parsed = ((JsonArray) parsed).getValue(0);
        }
        return parsed instanceof JsonObject ? GeminiJson.obj((JsonObject) parsed, "error") : null;
    }

    /** A field of the first {@code details} entry whose {@code @type} ends with the given type. */
    private static String detail(JsonArray details, String type, String field) {
        for (Object d : details == null ? new JsonArray() : details) {
            if (d instanceof JsonObject && String.valueOf(((JsonObject) d).getValue("@type")).endsWith(type)) {
                Object v = ((JsonObject) d).getValue(field);
                return v == null ? null : v.toString();
            }
        }
        return null;
    }

    /** {@code RetryInfo.retryDelay}, a protobuf duration such as {@code "13s"} or {@code "0.5s"}. */
    private static Duration retryDelay(JsonArray details) {
        String delay = detail(details, "google.rpc.RetryInfo", "retryDelay");
        if (delay == null || !delay.endsWith("s")) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
            return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}
