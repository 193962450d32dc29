package dev.switchboard.plugins.provider.openrouter;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.toolkit.options.PluginOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code openrouter} provider type: OpenRouter's OpenAI-compatible API, with its app
 * attribution headers and its own error shape.
 */
public final class OpenRouterAdapterFactory implements ProviderAdapterFactory {

    static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

    @Override
    public String type() {
        return "openrouter";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.string("base-url", "API root").withDefault(DEFAULT_BASE_URL),
                OptionSpec.string("api-key", "OpenRouter API key (sk-or-...), usually \"${OPENROUTER_API_KEY:-}\"").asSecret(),
                OptionSpec.string("http-referer", "your app's URL, sent as HTTP-Referer for OpenRouter's app attribution"),
                OptionSpec.string("x-title", "your app's name, sent as X-Title for OpenRouter's app attribution"),
                OptionSpec.object("headers", "extra headers sent on every call"),
                OptionSpec.integer("timeout-ms", "per-call timeout in milliseconds, applied by the engine (default: the engine's)").atLeast(0));
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        String referer = context.option("http-referer", null);
        if (referer != null) {
            headers.put("HTTP-Referer", referer);
        }
        String title = context.option("x-title", null);
        if (title != null) {
            headers.put("X-Title", title);
        }
        headers.putAll(PluginOptions.headers(context.options()));
        String baseUrl = PluginOptions.httpUrl("base-url", context.option("base-url", DEFAULT_BASE_URL).trim(), DEFAULT_BASE_URL);
        return new OpenRouterAdapter(context.providerId(), baseUrl,
                context.option("api-key", null), headers);
    }

}
