package dev.switchboard.plugins.router.semantic;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/** Contributes the {@code semantic} router: categories or tiers chosen by similarity to example utterances. */
public final class SemanticRouterPlugin implements Plugin {
    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new SemanticRouterFactory());
    }
}
