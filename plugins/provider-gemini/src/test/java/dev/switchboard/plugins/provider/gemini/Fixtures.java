package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Reads golden fixtures from the test classpath. */
final class Fixtures {
    static final ModelDescriptor FLASH = ModelDescriptor.of("gemini-2.5-flash", "gemini", 1_048_576, 65_536,
            Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON));

    private Fixtures() {
    }

    static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject json(String path) {
        return new JsonObject(text(path));
    }

    static JsonArray array(String path) {
        return new JsonArray(text(path));
    }

    static ChatRequest request(String json) {
        return ChatRequestParser.parse(new JsonObject(json));
    }

    /** A one-message request with extra top-level fields (a JSON fragment starting with a comma, or empty). */
    static ChatRequest userRequest(String extraFields) {
        return request("{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]" + extraFields + "}");
    }

    /** The JSON without {@code created}, which is the clock's. */
    static JsonObject withoutCreated(JsonObject json) {
        JsonObject copy = json.copy();
        copy.remove("created");
        return copy;
    }
}
