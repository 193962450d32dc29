package dev.switchboard.plugins.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    static String text(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject object(String path) {
        return new JsonObject(text(path));
    }

    static JsonArray array(String path) {
        return new JsonArray(text(path));
    }

    /** Structural JSON equality (key order and 1 vs 1.0 do not matter), showing both sides on failure. */
    static void assertJson(Object expected, Object actual, String what) {
        assertEquals(expected, actual, () -> what + "\nexpected:\n" + pretty(expected) + "\nactual:\n" + pretty(actual));
    }

    private static String pretty(Object json) {
        if (json instanceof JsonObject) {
            return ((JsonObject) json).encodePrettily();
        }
        return json instanceof JsonArray ? ((JsonArray) json).encodePrettily() : String.valueOf(json);
    }
}
