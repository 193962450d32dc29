package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.toolkit.provider.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Normalises Ollama errors. Ollama reports {@code {"error": "text"}} without codes, so the kind
 * comes from the status, refined by the two texts that matter for routing: a model that is not
 * pulled, and a prompt that does not fit the context.
 */
final class OllamaErrors {

    private final OllamaSettings settings;

    OllamaErrors(OllamaSettings settings) {
        this.settings = settings;
    }

    /** Maps a non-2xx answer; the message is Ollama's, except for a missing model, which says how to fix it. */
    ProviderException map(int status, MultiMap headers, Buffer body) {
        String message = errorText(body == null ? "" : body.toString());
        if (message.isBlank()) {
            message = "HTTP " + status + " from Ollama at " + settings.baseUrl();
        }
        String missing = status == 404 ? missingModel(message) : null;
        if (missing != null) {
            return new ProviderException(ErrorKind.NOT_FOUND, status, "model_not_found", "model '" + missing + "' is not pulled on "
                    + settings.baseUrl() + ": run ollama pull " + missing, null);
        }
        ErrorKind kind = isContextLength(message) ? ErrorKind.CONTEXT_LENGTH : ErrorKind.forStatus(status);
        return new ProviderException(kind, status, null, message, RetryAfter.parse(headers));
    }

    /** An error reported inside a 2xx answer or an NDJSON stream: transient unless the context overflowed. */
    ProviderException inBody(Object error) {
        String message = error instanceof JsonObject && ((JsonObject) error).getValue("message") instanceof String
                ? ((JsonObject) error).getString("message") : String.valueOf(error);
        ErrorKind kind = isContextLength(message) ? ErrorKind.CONTEXT_LENGTH : ErrorKind.UPSTREAM_5XX;
        return new ProviderException(kind, 0, null, "Ollama at " + settings.baseUrl() + " failed: " + message, null);
    }

    /** The message for a failed connection, naming the server and how to start it. */
    String connectionMessage(String cause) {
        return "cannot reach Ollama at " + settings.baseUrl() + " (is 'ollama serve' running?): " + cause;
    }

    private static String errorText(String text) {
        try {
            Object v = Json.decodeValue(text);
            if (v instanceof JsonObject && ((JsonObject) v).getValue("error") != null) {
                Object error = ((JsonObject) v).getValue("error");
                return error instanceof JsonObject && ((JsonObject) error).getValue("message") instanceof String
                        ? ((JsonObject) error).getString("message") : String.valueOf(error);
            }
        } catch (DecodeException notJson) {
            // a plain-text body, e.g. Go's "404 page not found"
        }
        return OllamaResponses.truncate(text.trim());
    }

    /** The model name in {@code model "llama3" not found, try pulling it first}, or null. */
    static String missingModel(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("model ");
        if (at < 0 || !lower.contains("not found")) {
            return null;
        }
        int open = at + "model ".length();
        if (open >= message.length() || (message.charAt(open) != '"' && message.charAt(open) != '\'')) {
            return null;
        }
        int close = message.indexOf(message.charAt(open), open + 1);
        return close > open + 1 ? message.substring(open + 1, close) : null;
    }

    static boolean isContextLength(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("context length") || lower.contains("context window") || lower.contains("context size");
    }
}
