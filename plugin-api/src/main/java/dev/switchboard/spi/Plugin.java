package dev.switchboard.spi;

import java.util.List;

/**
 * The root of every Switchboard plugin, found by {@link java.util.ServiceLoader}.
 *
 * <p>A plugin jar lists its implementation in {@code META-INF/services/dev.switchboard.spi.Plugin}.
 * Every method is a {@code default} returning the factories the plugin contributes, so a new
 * extension kind added later never breaks an existing plugin. A plugin that contributes nothing is
 * rejected at start-up.
 *
 * <p>Which contract version a plugin was built for is read from its jar's manifest
 * ({@link SpiVersion#MANIFEST_ATTRIBUTE}) or, when that is absent, from {@link #spiVersion()}; the
 * engine refuses a plugin built for a newer major version than its own.
 */
public interface Plugin {

    /**
     * The contract version this plugin was compiled against. Override it as
     * {@code return SpiVersion.CURRENT;}: the compiler copies the constant into your class, so the
     * answer is the version you built with, not the engine's. The default, {@code 1.0}, is the first
     * versioned contract (what a plugin that says nothing is assumed to need).
     */
    default String spiVersion() {
        return "1.0";
    }

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
