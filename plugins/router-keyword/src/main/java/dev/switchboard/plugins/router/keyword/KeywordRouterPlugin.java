package dev.switchboard.plugins.router.keyword;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/** Contributes the {@code keyword} router: task categories chosen by whole-word keyword hits. */
public final class KeywordRouterPlugin implements Plugin {
    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new KeywordRouterFactory());
    }
}
