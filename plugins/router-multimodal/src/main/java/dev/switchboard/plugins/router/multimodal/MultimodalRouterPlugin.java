package dev.switchboard.plugins.router.multimodal;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.RouterFactory;
import java.util.List;

/**
 * Contributes the {@code multimodal} router: images and oversized prompts to a primary model, the rest to a
 * cheaper secondary.
 */
public final class MultimodalRouterPlugin implements Plugin {

    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new MultimodalRouterFactory());
    }
}
