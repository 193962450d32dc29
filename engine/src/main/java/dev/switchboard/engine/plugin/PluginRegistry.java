package dev.switchboard.engine.plugin;

import dev.switchboard.config.PluginTypes;
import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.RouterFactory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every loaded plugin and the factories they contribute, by id. Immutable after loading.
 *
 * @param plugins   each plugin with where it came from
 * @param routers   router id to factory
 * @param providers provider type to factory
 */
public record PluginRegistry(List<LoadedPlugin> plugins, Map<String, RouterFactory> routers,
                             Map<String, ProviderAdapterFactory> providers) {

    /**
     * One loaded plugin.
     *
     * @param name      the plugin's name
     * @param source    the jar it came from, or {@code classpath}
     * @param routers   router ids it contributes
     * @param providers provider types it contributes
     */
    public record LoadedPlugin(String name, String source, List<String> routers, List<String> providers) {
    }

    public PluginRegistry {
        plugins = List.copyOf(plugins);
        routers = Collections.unmodifiableMap(routers);
        providers = Collections.unmodifiableMap(providers);
    }

    /** The provider types and router ids with the options each declares, for config validation and redaction. */
    public PluginTypes types() {
        return new PluginTypes(providerOptions(),
                routers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().options())));
    }

    /** Closes every factory (at shutdown, after the routers and adapters they created); failures are logged. */
    public void close() {
        routers.forEach((id, f) -> PluginClosing.quietly("router factory '" + id + "'", f::close));
        providers.forEach((type, f) -> PluginClosing.quietly("provider adapter factory '" + type + "'", f::close));
    }

    /** Provider type to the options its adapter declares, for config validation and redaction. */
    public Map<String, List<OptionSpec>> providerOptions() {
        return providers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().options()));
    }
}
