package dev.switchboard.config;

import dev.switchboard.spi.OptionSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the loaded plugins provide, so config validation can name unknown types and check every
 * plugin's options against its specs.
 *
 * @param providerTypes provider type to the options its adapter accepts
 * @param routerTypes   router id to the options its router accepts (empty: not checked)
 */
public record PluginTypes(Map<String, List<OptionSpec>> providerTypes, Map<String, List<OptionSpec>> routerTypes) {
    public PluginTypes {
        providerTypes = Map.copyOf(providerTypes);
        routerTypes = Map.copyOf(routerTypes);
    }

    /** Router ids without option specs (their options are not checked). */
    public PluginTypes(Map<String, List<OptionSpec>> providerTypes, Set<String> routerIds) {
        this(providerTypes, routerIds.stream().collect(Collectors.toMap(Function.identity(), id -> List.<OptionSpec>of())));
    }

    /** Every router id. */
    public Set<String> routerIds() {
        return routerTypes.keySet();
    }

    /** Options every provider accepts besides its adapter's own. */
    public static final Set<String> ENGINE_PROVIDER_OPTIONS = Set.of("type", "timeout-ms");
}
