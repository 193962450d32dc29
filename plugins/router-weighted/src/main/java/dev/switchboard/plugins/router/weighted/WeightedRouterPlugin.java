package dev.switchboard.plugins.router.weighted;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/** Contributes the {@code weighted} router: A/B splits and load spreading, optionally sticky per user or header. */
public final class WeightedRouterPlugin implements Plugin {

    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new WeightedRouterFactory());
    }
}
