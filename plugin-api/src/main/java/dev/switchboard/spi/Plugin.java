package dev.switchboard.spi;

import java.util.List;

/**
 * The root of every Switchboard plugin, found by {@link java.util.ServiceLoader}.
 *
 * <p>A plugin jar lists its implementation in {@code META-INF/services/dev.switchboard.spi.Plugin}.
 * Every method is a {@code default} returning the factories the plugin contributes, so a new
 * extension kind added later never breaks an existing plugin. A plugin that contributes nothing is
 * rejected at start-up.
 */
public interface Plugin {

    /** A short human-readable name for logs; defaults to the class name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Router factories this plugin contributes; each {@link RouterFactory#id()} must be unique. */
    default List<RouterFactory> routerFactories() {
        return List.of();
    }

    /** Provider adapter factories this plugin contributes; each {@link ProviderAdapterFactory#type()} must be unique. */
    default List<ProviderAdapterFactory> providerAdapterFactories() {
        return List.of();
    }
}
