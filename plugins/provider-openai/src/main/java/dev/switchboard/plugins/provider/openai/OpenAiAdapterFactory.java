package dev.switchboard.plugins.provider.openai;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.toolkit.options.PluginOptions;
import dev.switchboard.toolkit.provider.OpenAiCompatibleAdapter;
import java.util.List;

/**
 * The {@code openai} provider: OpenAI's Chat Completions API and every server that speaks it
 * (vLLM, LM Studio, llama.cpp server, Together, Groq...). Requests pass through with only
 * {@code model} replaced, so fields Switchboard does not know reach the upstream untouched.
 */
public final class OpenAiAdapterFactory implements ProviderAdapterFactory {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.string("base-url", "API root (e.g. http://127.0.0.1:8000/v1 for vLLM)").withDefault(DEFAULT_BASE_URL),
                OptionSpec.string("api-key", "bearer token; leave empty for servers without auth").asSecret(),
                OptionSpec.object("headers", "extra headers sent on every call"),
                OptionSpec.integer("timeout-ms", "per-call timeout in milliseconds, applied by the engine (default: the engine's)").atLeast(0),
                OptionSpec.bool("responses-api", "true when the upstream serves the Responses API (POST /responses): "
                        + "/v1/responses requests then pass through instead of being translated to chat completions")
                        .withDefault(false));
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        return new OpenAiCompatibleAdapter(context.providerId(), context.option("base-url", DEFAULT_BASE_URL),
                context.option("api-key", null), PluginOptions.headers(context.options()),
                context.options().getBoolean("responses-api", false));
    }
}
