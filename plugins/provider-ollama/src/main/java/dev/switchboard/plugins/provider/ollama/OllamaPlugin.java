package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import java.util.List;

/** Contributes the {@code ollama} provider type: a local or remote Ollama server's native API. */
public final class OllamaPlugin implements Plugin {
    @Override
    public List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of(new OllamaAdapterFactory());
    }
}
