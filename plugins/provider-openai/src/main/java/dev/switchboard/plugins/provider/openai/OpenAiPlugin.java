package dev.switchboard.plugins.provider.openai;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import java.util.List;

/** Contributes the {@code openai} provider type (OpenAI and every OpenAI-compatible server). */
public final class OpenAiPlugin implements Plugin {
    @Override
    public List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of(new OpenAiAdapterFactory());
    }
}
