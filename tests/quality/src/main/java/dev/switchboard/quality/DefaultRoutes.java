package dev.switchboard.quality;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.PluginTypes;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.pipeline.RoutingTableBuilder;
import dev.switchboard.engine.plugin.PluginLoader;
import dev.switchboard.engine.plugin.PluginRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The routes as the engine builds them: plugins found by ServiceLoader, the bundled default config
 * (or a given file) validated against them, every route's router created by
 * {@link RoutingTableBuilder}. No API keys are needed: routers only read the catalog.
 *
 * @param config the validated config
 * @param table  the routing table built from it
 */
public record DefaultRoutes(SwitchboardConfig config, RoutingTable table) {

    /** Loads the bundled default config, or {@code configFile} when not null. */
    public static DefaultRoutes load(Path configFile) {
        PluginRegistry plugins = PluginLoader.load(null);
        PluginTypes types = plugins.types();
        SwitchboardConfig config = ConfigLoader.load(configFile, types, name -> null);
        return new DefaultRoutes(config, RoutingTableBuilder.build(config, plugins));
    }

    /** A route's {@code options} object as configured. */
    public JsonObject options(String route) {
        JsonObject r = config.tree().getJsonObject("routes", new JsonObject()).getJsonObject(route);
        if (r == null) {
            throw new IllegalArgumentException("no route '" + route + "' in the config; routes: " + table.routes().keySet());
        }
        return r.getJsonObject("options", new JsonObject());
    }

    /** The names of an options object's member (e.g. a keyword route's categories), in config order. */
    public List<String> keys(String route, String member) {
        JsonObject o = options(route).getJsonObject(member);
        return o == null ? List.of() : List.copyOf(o.fieldNames());
    }

    /** The first model of a list member of an options object, e.g. {@code tiers.premium} or {@code categories.code.models}. */
    public String firstModel(String route, String... path) {
        Object node = options(route);
        for (String p : path) {
            node = ((JsonObject) node).getValue(p);
        }
        return ((JsonArray) node).getString(0);
    }
}
