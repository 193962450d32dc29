package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import java.util.List;

/** Contributes the {@code gemini} provider type (the Google AI Gemini API). */
public final class GeminiPlugin implements Plugin {
    @Override
    public List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of(new GeminiAdapterFactory());
    }
}
