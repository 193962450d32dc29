package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.toolkit.options.PluginOptions;
import java.util.List;

/**
 * The {@code anthropic} provider: Anthropic's Messages API ({@code POST /v1/messages}), with
 * requests, responses, streams and errors translated to and from the OpenAI shape.
 */
public final class AnthropicAdapterFactory implements ProviderAdapterFactory {

    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_VERSION = "2023-06-01";

    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.string("base-url", "API root; calls go to {base-url}/v1/messages").withDefault(DEFAULT_BASE_URL),
                OptionSpec.string("api-key", "Anthropic API key, sent as x-api-key").asSecret(),
                OptionSpec.string("anthropic-version", "the anthropic-version header").withDefault(DEFAULT_VERSION),
                OptionSpec.object("headers", "extra headers sent on every call, e.g. anthropic-beta"),
                OptionSpec.integer("timeout-ms", "per-call timeout in milliseconds, applied by the engine (default: the engine's)").atLeast(0));
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        String baseUrl = PluginOptions.httpUrl("base-url", context.option("base-url", DEFAULT_BASE_URL), DEFAULT_BASE_URL);
        return new AnthropicAdapter(context.providerId(), new AnthropicTransport(baseUrl,
                context.option("api-key", null), context.option("anthropic-version", DEFAULT_VERSION),
                PluginOptions.headers(context.options())));
    }

}
