package dev.switchboard.spi;

import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import java.util.List;

/** Creates {@link ProviderAdapter}s for one provider API; a provider in config names it by {@link #type()}. */
public interface ProviderAdapterFactory {

    /** The provider type used in config ({@code providers.<id>.type}), e.g. {@code anthropic}. */
    String type();

    /**
     * Creates the adapter for one configured provider.
     *
     * @throws PluginConfigException when the options are invalid
     */
    ProviderAdapter create(ProviderContext context);

    /**
     * The options this adapter accepts. Options marked secret are redacted everywhere; unknown
     * options are rejected at start-up (besides {@code type} and the engine's own
     * {@code timeout-ms}).
     */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Releases what this factory holds (native sessions, files, threads). The engine calls it once, off the
     * event loop, at shutdown, after every adapter it created was closed. Failures are logged and never stop the engine; the default does nothing.
     */
    default void close() {
    }
}
