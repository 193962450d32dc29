package dev.switchboard.plugins.provider.openrouter;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import java.util.List;

/** Contributes the {@code openrouter} provider type. */
public final class OpenRouterPlugin implements Plugin {
    @Override
    public List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of(new OpenRouterAdapterFactory());
    }
}
