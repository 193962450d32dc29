package dev.switchboard.plugins.provider.openrouter;

import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Golden fixtures and the common test objects. */
final class Fixtures {
    /** A catalog model whose upstream name carries OpenRouter's {@code :nitro} routing suffix. */
    static final ModelDescriptor MODEL = new ModelDescriptor("llama-70b-fast", "openrouter", "meta-llama/llama-3.1-70b-instruct:nitro",
            131072, 8192, Set.of(), 0.12, 0.30, null, List.of());

    private Fixtures() {
    }

    static OpenRouterAdapter adapter() {
        return new OpenRouterAdapter("openrouter", "https://openrouter.ai/api/v1", "sk-or-test", Map.of());
    }
}
