package dev.switchboard.plugins.router.llmclassifier;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/** Contributes the {@code llm-classifier} router: a catalog model or route picks the request's category. */
public final class LlmClassifierRouterPlugin implements Plugin {
    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new LlmClassifierRouterFactory());
    }
}
