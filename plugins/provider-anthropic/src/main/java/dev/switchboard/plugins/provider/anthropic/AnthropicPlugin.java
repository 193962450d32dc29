package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import java.util.List;

/** Contributes the {@code anthropic} provider type (Anthropic's Messages API). */
public final class AnthropicPlugin implements Plugin {
    @Override
    public List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of(new AnthropicAdapterFactory());
    }
}
