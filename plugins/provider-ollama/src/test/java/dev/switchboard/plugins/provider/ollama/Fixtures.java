package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Golden fixtures and the common test objects. */
final class Fixtures {
    static final ModelDescriptor MODEL = new ModelDescriptor("local/llama3.2", "local", "llama3.2:latest", 8192, 8192,
            Set.of(), 0.0, 0.0, null, List.of());

    private Fixtures() {
    }

    /** Ids 1, 2, 3... so generated response and tool-call ids are predictable. */
    static Supplier<String> counter() {
        AtomicInteger n = new AtomicInteger();
        return () -> String.valueOf(n.incrementAndGet());
    }

    /** An adapter with default settings and predictable ids. */
    static OllamaAdapter adapter() {
        return new OllamaAdapter(OllamaSettings.defaults("local"), counter());
    }
}
