package dev.switchboard.plugins.provider.ollama;

import java.util.Map;
import java.util.Objects;

/**
 * One configured Ollama provider, validated by {@link OllamaAdapterFactory}.
 *
 * @param providerId           the configured provider id, prefix of discovered model ids
 * @param baseUrl              server root without trailing slash, e.g. {@code http://127.0.0.1:11434}
 * @param headers              headers added to every call
 * @param keepAlive            {@code keep_alive} sent with every chat call (a Number of seconds or a
 *                             Go duration string), or null to leave Ollama's default
 * @param discover             whether to list the server's models with {@code GET /api/tags}
 * @param defaultContextWindow context window given to discovered models
 * @param setNumCtx            whether to send the catalog's context window as {@code options.num_ctx}
 */
record OllamaSettings(String providerId, String baseUrl, Map<String, String> headers, Object keepAlive,
        boolean discover, int defaultContextWindow, boolean setNumCtx) {

    OllamaSettings {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (defaultContextWindow <= 0) {
            throw new IllegalArgumentException("defaultContextWindow must be positive, got " + defaultContextWindow);
        }
    }

    /** Settings with the factory defaults, for tests. */
    static OllamaSettings defaults(String providerId) {
        return new OllamaSettings(providerId, OllamaAdapterFactory.DEFAULT_BASE_URL, Map.of(), null, false,
                OllamaAdapterFactory.DEFAULT_CONTEXT_WINDOW, false);
    }
}
