package dev.switchboard.engine.pipeline;

import dev.switchboard.config.ConfigError;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.plugin.PluginRegistry;
import dev.switchboard.engine.plugin.PluginClosing;
import dev.switchboard.engine.quality.PoorResult;
import dev.switchboard.engine.routing.RouteDecider;
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
        Map<String, RoutingTable.RouteRuntime> routes = routes(config, plugins, catalog, errors);
        if (!errors.isEmpty()) {
            RoutingTable.close(routes, providers); // what was created before the failure is never used
            throw new ConfigException(errors);
        }
        return new RoutingTable(java.util.Collections.unmodifiableMap(catalog), java.util.Collections.unmodifiableMap(routes),
                java.util.Collections.unmodifiableMap(providers),
                SecretRedactor.of(config, plugins.types()));
    }

    /** Creates every route's router, then its decider (the fallback may be another route's router). */
    private static Map<String, RoutingTable.RouteRuntime> routes(SwitchboardConfig config, PluginRegistry plugins,
                                                                 Map<String, ModelDescriptor> catalog, List<ConfigError> errors) {
        Map<String, Router> routers = new LinkedHashMap<>();
        for (SwitchboardConfig.Route r : config.routes().values()) {
            Router router = router(plugins.routers().get(r.router()), r.options(), context(r, catalog, config), "routes." + r.name(),
                    "options", errors);
            if (router != null) {
                routers.put(r.name(), router);
            }
        }
        Map<String, RoutingTable.RouteRuntime> routes = new LinkedHashMap<>();
        for (SwitchboardConfig.Route r : config.routes().values()) {
            Router router = routers.get(r.name());
            if (router == null) {
                continue;
            }
            RouteDecider.Mode mode = RouteDecider.modeOf(router, plugins.routers().get(r.router()).blocking());
            Router fallback = fallback(config, plugins, catalog, r, routers, errors);
            String description = config.tree().getJsonObject("routes").getJsonObject(r.name()).getString("description");
            routes.put(r.name(), new RoutingTable.RouteRuntime(r.name(), r.router(), router, description,
                    new RouteDecider(r.name(), router, mode, r.decisionTimeoutMs(), r.fallbackRouter(), fallback,
                            !r.fallbackIsRoute(config.routes().keySet())),
                    r.escalation() == null ? null : new PoorResult(r.escalation())));
        }
        return routes;
    }

    /** The route's fallback router, or null for the default; it must decide at once (pure), being the safety net. */
    private static Router fallback(SwitchboardConfig config, PluginRegistry plugins, Map<String, ModelDescriptor> catalog,
                                   SwitchboardConfig.Route r, Map<String, Router> routers, List<ConfigError> errors) {
        String name = r.fallbackRouter();
        if (name == null) {
            return null;
        }
        String path = "routes." + r.name() + ".fallback-router";
        if (r.fallbackIsRoute(config.routes().keySet())) {
            Router router = routers.get(name);
            String id = config.routes().get(name).router();
            if (router != null && RouteDecider.modeOf(router, plugins.routers().get(id).blocking()) != RouteDecider.Mode.PURE) {
                errors.add(new ConfigError(path, "route '" + name + "' has router '" + id + "', which is blocking or asynchronous; "
                        + "a fallback must decide at once: name a route with a pure router (e.g. cost-floor, keyword)"));
                return null;
            }
            return router;
        }
        RouterFactory f = plugins.routers().get(name);
        Router router = router(f, r.fallbackOptions(), context(r, catalog, config), "routes." + r.name(), "fallback-options", errors);
        if (router != null && RouteDecider.modeOf(router, f.blocking()) != RouteDecider.Mode.PURE) {
            errors.add(new ConfigError(path, "router '" + name + "' is blocking or asynchronous; a fallback must decide at once: "
                    + "name a pure router (e.g. cost-floor, keyword)"));
            PluginClosing.quietly("fallback router of route '" + r.name() + "'", router::close);
            return null;
        }
        return router;
    }

    private static RouterContext context(SwitchboardConfig.Route r, Map<String, ModelDescriptor> catalog, SwitchboardConfig config) {
        return new RouterContext(r.name(), catalog, config.routes().keySet());
    }

    /** Creates a router; an error is reported at {@code <prefix>.<optionsKey>} (options) or {@code prefix} (start-up failure). */
    private static Router router(RouterFactory f, io.vertx.core.json.JsonObject options, RouterContext context, String prefix,
                                 String optionsKey, List<ConfigError> errors) {
        try {
            return f.create(options, context);
        } catch (PluginConfigException e) {
            errors.add(new ConfigError(path(prefix + "." + optionsKey, e.path()), e.getMessage()));
        } catch (RuntimeException e) {
            errors.add(new ConfigError(prefix, "router '" + f.id() + "' failed to start: " + e));
        }
        return null;
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
