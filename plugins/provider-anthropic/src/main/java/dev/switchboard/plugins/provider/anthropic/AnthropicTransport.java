package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * Where and how calls go: the Messages endpoint and its headers. Kept apart from body translation
 * so the translators never see a secret.
 */
final class AnthropicTransport {
    private final String baseUrl;
    private final String apiKey;
    private final String version;
    private final Map<String, String> extraHeaders;

    /**
     * @param baseUrl      API root without {@code /v1}, e.g. {@code https://api.anthropic.com}
     * @param apiKey       the key for {@code x-api-key}; null or blank sends none (e.g. a proxy adds it)
     * @param version      the {@code anthropic-version} header
     * @param extraHeaders headers added to every call; they may override the defaults
     */
    AnthropicTransport(String baseUrl, String apiKey, String version, Map<String, String> extraHeaders) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.version = version;
        this.extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The {@code POST /v1/messages} call carrying the translated body. */
    UpstreamRequest messages(Buffer body, boolean stream) {
        return messages(body, stream, null);
    }

    /**
     * The {@code POST /v1/messages} call for a client's own Messages body: the client's
     * {@code anthropic-version} and {@code anthropic-beta} headers win over the configured ones
     * (the body was written for them), beta flags joined with configured ones; the configured key
     * and extra headers are added as always.
     */
    UpstreamRequest messages(Buffer body, boolean stream, MultiMap clientHeaders) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (apiKey != null) {
            headers.set("x-api-key", apiKey);
        }
        headers.set("anthropic-version", version);
        if (stream) {
            headers.set("accept", "text/event-stream");
        }
        extraHeaders.forEach(headers::set);
        if (clientHeaders != null) {
            if (clientHeaders.contains("anthropic-version")) {
                headers.set("anthropic-version", clientHeaders.get("anthropic-version"));
            }
            if (clientHeaders.contains("anthropic-beta")) {
                headers.set("anthropic-beta", betas(headers.get("anthropic-beta"), clientHeaders.getAll("anthropic-beta")));
            }
        }
        return UpstreamRequest.postJson(baseUrl + "/v1/messages", headers, body);
    }

    /** The configured beta flags and the client's, each once, in that order. */
    private static String betas(String configured, java.util.List<String> client) {
        java.util.LinkedHashSet<String> flags = new java.util.LinkedHashSet<>();
        java.util.List<String> all = new java.util.ArrayList<>();
        if (configured != null) {
            all.add(configured);
        }
        all.addAll(client);
        for (String value : all) {
            for (String flag : value.split(",")) {
                if (!flag.isBlank()) {
                    flags.add(flag.trim());
                }
            }
        }
        return String.join(",", flags);
    }
}
