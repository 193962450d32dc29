package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code gemini} provider: Google's Gemini API ({@code generateContent} and
 * {@code streamGenerateContent}), with requests and answers translated to and from the OpenAI shape.
 */
public final class GeminiAdapterFactory implements ProviderAdapterFactory {

    /** The Google AI (AI Studio) API root. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    @Override
    public String type() {
        return "gemini";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.optional("base-url", "API root, default " + DEFAULT_BASE_URL),
                OptionSpec.secret("api-key", "Gemini API key, sent as x-goog-api-key (e.g. \"${GEMINI_API_KEY:-}\")"),
                OptionSpec.optional("headers", "extra headers sent on every call (object)"),
                OptionSpec.optional("timeout-ms", "per-call timeout in milliseconds"));
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        String baseUrl = context.option("base-url", DEFAULT_BASE_URL);
        String lowered = baseUrl.toLowerCase(Locale.ROOT);
        if (!lowered.startsWith("http://") && !lowered.startsWith("https://")) {
            throw new PluginConfigException("base-url", "must be an http(s) URL like " + DEFAULT_BASE_URL + ", got '" + baseUrl + "'");
        }
        return new GeminiAdapter(context.providerId(), baseUrl, context.option("api-key", null), headers(context.options()));
    }

    /** Reads the {@code headers} option: an object of header name to string value. */
    static Map<String, String> headers(JsonObject options) {
        Object v = options.getValue("headers");
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof JsonObject)) {
            throw new PluginConfigException("headers", "must be an object of header name to value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((JsonObject) v).forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        return out;
    }
}
