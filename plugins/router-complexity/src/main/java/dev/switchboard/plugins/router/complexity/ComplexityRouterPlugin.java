package dev.switchboard.plugins.router.complexity;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/** Contributes the {@code complexity} router: prompts graded into price tiers by simple signals. */
public final class ComplexityRouterPlugin implements Plugin {
    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new ComplexityRouterFactory());
    }
}
