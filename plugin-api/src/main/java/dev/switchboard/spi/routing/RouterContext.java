package dev.switchboard.spi.routing;

import dev.switchboard.spi.model.ModelDescriptor;
import java.util.Map;
import java.util.Set;

/**
 * What a router factory may read while creating a router.
 *
 * @param routeName the name of the route being created
 * @param catalog   every catalog model by id, in config order
 * @param routes    the names of all configured routes (a weighted router may target them)
 */
public record RouterContext(String routeName, Map<String, ModelDescriptor> catalog, Set<String> routes) {
    public RouterContext {
        catalog = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(catalog));
        routes = Set.copyOf(routes);
    }

    /** Whether the name is a catalog model or a route. */
    public boolean knows(String name) {
        return catalog.containsKey(name) || routes.contains(name);
    }
}
