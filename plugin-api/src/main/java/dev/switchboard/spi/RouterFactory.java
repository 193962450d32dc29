package dev.switchboard.spi;

import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Creates {@link Router}s of one kind; a route in config names it by {@link #id()}. */
public interface RouterFactory {

    /** The router id used in config ({@code routes.<name>.router}), kebab-case, e.g. {@code cost-floor}. */
    String id();

    /**
     * Creates a router for one route.
     *
     * @param options the route's {@code options} object (never null, possibly empty)
     * @param context read access to the catalog and route names
     * @throws PluginConfigException when the options are invalid
     */
    Router create(JsonObject options, RouterContext context);

    /** The options this router accepts, for validation and documentation. */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Releases what this factory holds (native sessions, files, threads). The engine calls it once, off the
     * event loop, at shutdown, after every router it created was closed. Failures are logged and never stop the engine; the default does nothing.
     */
    default void close() {
    }
}
