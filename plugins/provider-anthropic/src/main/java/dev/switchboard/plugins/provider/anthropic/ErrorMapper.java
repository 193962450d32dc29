package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.toolkit.provider.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises Anthropic errors, {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."}}},
 * whether they come as an HTTP answer or as an {@code error} event inside a stream. The error type
 * decides the kind; the HTTP status decides only when the type is missing or unknown.
 */
final class ErrorMapper {

    private static final Map<String, ErrorKind> KIND_BY_TYPE = Map.ofEntries(
            Map.entry("invalid_request_error", ErrorKind.BAD_REQUEST),
            Map.entry("authentication_error", ErrorKind.AUTH),
            Map.entry("permission_error", ErrorKind.AUTH),
            Map.entry("billing_error", ErrorKind.AUTH),
            Map.entry("not_found_error", ErrorKind.NOT_FOUND),
            Map.entry("request_too_large", ErrorKind.BAD_REQUEST),
            Map.entry("rate_limit_error", ErrorKind.RATE_LIMITED),
            Map.entry("api_error", ErrorKind.UPSTREAM_5XX),
            Map.entry("overloaded_error", ErrorKind.OVERLOADED),
            Map.entry("timeout_error", ErrorKind.TIMEOUT));

    // Anthropic reports an over-long prompt as a plain invalid_request_error; only the wording tells,
    // e.g. "prompt is too long: 210000 tokens > 200000 maximum".
    private static final List<String> CONTEXT_WORDING = List.of(
            "prompt is too long", "exceed context limit", "context window", "context length");

    /**
     * Maps a non-2xx answer.
     *
     * @param body the answer's body: Anthropic's error JSON, or anything else (a proxy's HTML page)
     */
    ProviderException fromHttp(int status, MultiMap headers, Buffer body) {
        String text = body == null ? "" : body.toString();
        JsonObject json = JsonFields.parseObject(text);
        JsonObject error = JsonFields.object(json, "error");
        if (error == null && JsonFields.string(json, "error") != null) {
            error = new JsonObject().put("message", json.getString("error"));
        }
        if (error == null) {
            String message = text.isBlank() ? "HTTP " + status : "HTTP " + status + ": " + JsonFields.truncate(text.strip());
            return new ProviderException(ErrorKind.forStatus(status), status, null, message, RetryAfter.parse(headers));
        }
        return fromError(status, headers, error);
    }

    /**
     * Maps Anthropic's inner {@code error} object.
     *
     * @param status the HTTP status, or 0 for an error inside a 2xx body or stream
     * @param error  {@code {"type", "message"}}, or null when the provider sent none
     */
    ProviderException fromError(int status, MultiMap headers, JsonObject error) {
        String type = JsonFields.string(error, "type");
        String message = JsonFields.string(error, "message");
        if (message == null) {
            message = type != null ? type : status > 0 ? "HTTP " + status : "error reported by the provider";
        }
        return new ProviderException(kind(type, status, message), status, type, message, RetryAfter.parse(headers));
    }

    private static ErrorKind kind(String type, int status, String message) {
        ErrorKind kind = KIND_BY_TYPE.get(type == null ? "" : type);
        if (kind == null) {
            kind = status >= 400 ? ErrorKind.forStatus(status) : ErrorKind.UPSTREAM_5XX;
        }
        if (kind == ErrorKind.BAD_REQUEST && mentionsContext(message)) {
            return ErrorKind.CONTEXT_LENGTH;
        }
        return kind;
    }

    private static boolean mentionsContext(String message) {
        String lowered = message.toLowerCase(Locale.ROOT);
        return CONTEXT_WORDING.stream().anyMatch(lowered::contains);
    }
}
