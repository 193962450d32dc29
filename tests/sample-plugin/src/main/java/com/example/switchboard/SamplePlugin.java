package com.example.switchboard;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.SpiVersion;
import java.util.List;

/**
 * A third-party plugin compiled against the plugin contract alone: router {@code longest-prompt}
 * and provider type {@code plain-completion}. Listed in
 * {@code META-INF/services/dev.switchboard.spi.Plugin}.
 */
public final class SamplePlugin implements Plugin {

    /** The contract version compiled against: the constant is copied into this class by javac. */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new LongestPromptRouterFactory());
    }

    @Override
    public List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of(new PlainCompletionAdapterFactory());
    }
}
