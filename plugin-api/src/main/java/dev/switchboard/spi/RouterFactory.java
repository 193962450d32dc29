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

    /**
     * Whether this factory's routers block or burn CPU (more than about 100 µs per call, e.g.
     * in-process embeddings). The engine then calls {@link Router#route} on its bounded routing
     * worker pool, never on an event loop, bounded by the route's {@code decision-timeout-ms}; on a
     * timeout the route's fallback router decides. Pure routers keep the default, {@code false},
     * and are called on the event loop with no thread hop.
     *
     * @return true when {@link Router#route} must not run on an event loop
     */
    default boolean blocking() {
        return false;
    }

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
