package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Golden fixtures under {@code src/test/resources} and the adapter they are checked against. */
final class Fixtures {
    static final long CREATED = 1_700_000_000L;

    /** The model from the README's example config. */
    static final ModelDescriptor SONNET = new ModelDescriptor("claude-sonnet", "anthropic", "claude-sonnet-4-5", 200_000, 64_000,
            Set.of(Capability.VISION, Capability.TOOLS), 3.0, 15.0, null, List.of());

    private Fixtures() {
    }

    /** An adapter with a fixed clock, a key, and one extra header. */
    static AnthropicAdapter adapter() {
        return new AnthropicAdapter("anthropic", new AnthropicTransport("https://api.anthropic.com", "sk-ant-test", "2023-06-01",
                Map.of("anthropic-beta", "prompt-caching-2024-07-31")), () -> CREATED);
    }

}
