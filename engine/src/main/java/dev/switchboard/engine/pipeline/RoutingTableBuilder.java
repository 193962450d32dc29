package dev.switchboard.engine.pipeline;

import dev.switchboard.config.ConfigError;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.plugin.PluginRegistry;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RoutingTable} from a validated config: creates every provider adapter and every
 * route's router, reporting every plugin option error at once with its full key path.
 */
public final class RoutingTableBuilder {
    private RoutingTableBuilder() {
    }

    /**
     * @throws ConfigException listing every provider or route whose options a plugin rejected
     */
    public static RoutingTable build(SwitchboardConfig config, PluginRegistry plugins) {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, ProviderRuntime> providers = new LinkedHashMap<>();
        config.providers().values().forEach(p -> {
            ProviderRuntime rt = provider(config, p, plugins.providers().get(p.type()), errors);
            if (rt != null) {
                providers.put(p.id(), rt);
            }
        });
        Map<String, ModelDescriptor> catalog = new LinkedHashMap<>(config.models());
        Map<String, RoutingTable.RouteRuntime> routes = new LinkedHashMap<>();
        for (SwitchboardConfig.Route r : config.routes().values()) {
            RouterFactory f = plugins.routers().get(r.router());
            try {
                Router router = f.create(r.options(), new RouterContext(r.name(), catalog, config.routes().keySet()));
                String description = config.tree().getJsonObject("routes").getJsonObject(r.name()).getString("description");
                routes.put(r.name(), new RoutingTable.RouteRuntime(r.name(), r.router(), router, description));
            } catch (PluginConfigException e) {
                errors.add(new ConfigError(path("routes." + r.name() + ".options", e.path()), e.getMessage()));
            } catch (RuntimeException e) {
                errors.add(new ConfigError("routes." + r.name(), "router '" + r.router() + "' failed to start: " + e));
            }
        }
        if (!errors.isEmpty()) {
            RoutingTable.close(routes, providers); // what was created before the failure is never used
            throw new ConfigException(errors);
        }
        return new RoutingTable(java.util.Collections.unmodifiableMap(catalog), java.util.Collections.unmodifiableMap(routes),
                java.util.Collections.unmodifiableMap(providers),
                SecretRedactor.of(config, plugins.types()));
    }

    private static ProviderRuntime provider(SwitchboardConfig config, SwitchboardConfig.Provider p, ProviderAdapterFactory f,
                                            List<ConfigError> errors) {
        try {
            ProviderAdapter adapter = f.create(new ProviderContext(p.id(), p.options()));
            return new ProviderRuntime(p.id(), p.type(), adapter, p.timeoutMs(), missingCredential(config, p, f));
        } catch (PluginConfigException e) {
            errors.add(new ConfigError(path("providers." + p.id(), e.path()), e.getMessage()));
        } catch (RuntimeException e) {
            errors.add(new ConfigError("providers." + p.id(), "adapter '" + p.type() + "' failed to start: " + e));
        }
        return null;
    }

    /** The environment variable to set when a secret option came out empty from one. */
    private static String missingCredential(SwitchboardConfig config, SwitchboardConfig.Provider p, ProviderAdapterFactory f) {
        for (OptionSpec s : f.options()) {
            Object v = p.options().getValue(s.name());
            String env = config.envVarOf(p.id(), s.name());
            if (s.secret() && env != null && (v == null || v.toString().isBlank())) {
                return env;
            }
        }
        return null;
    }

    private static String path(String prefix, String rel) {
        return rel == null || rel.isEmpty() ? prefix : prefix + "." + rel;
    }
}
