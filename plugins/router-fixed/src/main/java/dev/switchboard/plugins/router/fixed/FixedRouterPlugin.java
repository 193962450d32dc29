package dev.switchboard.plugins.router.fixed;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/** Contributes the {@code fixed} router: a configured chain, always the same. */
public final class FixedRouterPlugin implements Plugin {
    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new FixedRouterFactory());
    }
}
