package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.toolkit.options.PluginOptions;
import java.util.List;

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
                OptionSpec.string("base-url", "API root").withDefault(DEFAULT_BASE_URL),
                OptionSpec.string("api-key", "Gemini API key, sent as x-goog-api-key (e.g. \"${GEMINI_API_KEY:-}\")").asSecret(),
                OptionSpec.object("headers", "extra headers sent on every call"),
                OptionSpec.integer("timeout-ms", "per-call timeout in milliseconds, applied by the engine (default: the engine's)").atLeast(0));
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        String baseUrl = PluginOptions.httpUrl("base-url", context.option("base-url", DEFAULT_BASE_URL), DEFAULT_BASE_URL);
        return new GeminiAdapter(context.providerId(), baseUrl, context.option("api-key", null), PluginOptions.headers(context.options()));
    }
}
