package dev.switchboard.plugins.provider.openrouter;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.toolkit.provider.OpenAiCompatibleAdapter;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.StringJoiner;

/**
 * OpenRouter: OpenAI Chat Completions plus routing fields ({@code models}, {@code route},
 * {@code provider}, {@code :nitro}/{@code :floor} model suffixes), which pass through untouched
 * because the base class forwards the client's body with only {@code model} replaced. The exact
 * cost comes from {@code usage.cost}, which {@link dev.switchboard.spi.chat.Usage} already reads,
 * on complete answers and on the final usage chunk of a stream. Keep-alive comments
 * ({@code : OPENROUTER PROCESSING}) are dropped by the SSE parser.
 *
 * <p>What this class adds is OpenRouter's error shape {@code {"error": {"code": 429, "message",
 * "metadata"}}}: the numeric {@code code} is the HTTP status, and for errors reported with HTTP 200
 * (inside a body or as an SSE event mid-stream) it decides the kind. 402 (no credits) is
 * {@link ErrorKind#AUTH}: an account problem no retry fixes, unless OpenRouter sent Retry-After
 * (its in-flight budget limit), which makes it {@link ErrorKind#RATE_LIMITED}. 403 with moderation
 * metadata is {@link ErrorKind#CONTENT_FILTER}. 408, 429, 502 and 503 are transient. The upstream
 * provider's name and raw error from {@code metadata} are added to the message.
 */
public final class OpenRouterAdapter extends OpenAiCompatibleAdapter {

    private static final int MAX_RAW_CHARS = 300;

    /**
     * @param providerId the configured provider id
     * @param baseUrl    e.g. {@code https://openrouter.ai/api/v1}
     * @param apiKey     the API key, or null when unset (calls then fail with AUTH and a hint)
     * @param headers    attribution and extra headers sent on every call
     */
    public OpenRouterAdapter(String providerId, String baseUrl, String apiKey, Map<String, String> headers) {
        super(providerId, baseUrl, apiKey, headers);
    }

    @Override
    protected ProviderException errorFromBody(int status, MultiMap headers, JsonObject error) {
        int effective = status;
        if (status == 200 && error.getValue("code") instanceof Number) {
            int code = ((Number) error.getValue("code")).intValue();
            effective = code >= 400 && code <= 599 ? code : status;
        }
        // The full text (with the provider's raw error) goes to the base so context-length wording is found there too.
        ProviderException base = super.errorFromBody(effective, headers, error.copy().put("message", describe(effective, error)));
        return new ProviderException(refine(base, effective, error), base.status(), base.code(), base.getMessage(), base.retryAfter());
    }

    private static ErrorKind refine(ProviderException base, int status, JsonObject error) {
        if (status == 402 && base.retryAfter() != null) {
            return ErrorKind.RATE_LIMITED;
        }
        JsonObject metadata = metadata(error);
        if (status == 403 && (metadata.containsKey("reasons") || metadata.containsKey("flagged_input"))) {
            return ErrorKind.CONTENT_FILTER;
        }
        return base.kind();
    }

    /** OpenRouter's message plus what its metadata says: moderation reasons, the upstream provider and its raw error. */
    private String describe(int status, JsonObject error) {
        StringBuilder message = new StringBuilder(error.getValue("message") instanceof String
                ? error.getString("message") : "HTTP " + status + " from OpenRouter");
        JsonObject metadata = metadata(error);
        if (metadata.getValue("reasons") instanceof JsonArray && !metadata.getJsonArray("reasons").isEmpty()) {
            StringJoiner reasons = new StringJoiner(", ", " (flagged: ", ")");
            metadata.getJsonArray("reasons").forEach(r -> reasons.add(String.valueOf(r)));
            message.append(reasons);
        }
        if (metadata.getValue("provider_name") instanceof String) {
            message.append(" (upstream provider: ").append(metadata.getString("provider_name")).append(')');
        }
        Object raw = metadata.getValue("raw");
        if (raw != null && !raw.toString().isBlank()) {
            String text = raw.toString().strip();
            message.append(": ").append(text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS) + "...");
        }
        if (status == 401 && apiKey == null) {
            message.append(" (provider '").append(providerId)
                    .append("' has no api-key: set it, e.g. api-key: \"${OPENROUTER_API_KEY}\", and export OPENROUTER_API_KEY)");
        }
        return message.toString();
    }

    private static JsonObject metadata(JsonObject error) {
        return error.getValue("metadata") instanceof JsonObject ? error.getJsonObject("metadata") : new JsonObject();
    }

    @Override
    public String connectionErrorMessage(String cause) {
        return "cannot reach OpenRouter at " + baseUrl + ": " + cause;
    }
}
