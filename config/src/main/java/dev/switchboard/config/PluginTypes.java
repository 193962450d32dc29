package dev.switchboard.config;

import dev.switchboard.spi.OptionSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the loaded plugins provide, so config validation can name unknown types and options.
 *
 * @param providerTypes provider type to the options its adapter accepts
 * @param routerIds     every router id
 */
public record PluginTypes(Map<String, List<OptionSpec>> providerTypes, Set<String> routerIds) {
    public PluginTypes {
        providerTypes = Map.copyOf(providerTypes);
        routerIds = Set.copyOf(routerIds);
    }

    /** Options every provider accepts besides its adapter's own. */
    public static final Set<String> ENGINE_PROVIDER_OPTIONS = Set.of("type", "timeout-ms");
}
