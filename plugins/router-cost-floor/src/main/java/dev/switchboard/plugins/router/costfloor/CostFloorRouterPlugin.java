package dev.switchboard.plugins.router.costfloor;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/** Contributes the {@code cost-floor} router: the cheapest model that can serve the request. */
public final class CostFloorRouterPlugin implements Plugin {

    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new CostFloorRouterFactory());
    }
}
