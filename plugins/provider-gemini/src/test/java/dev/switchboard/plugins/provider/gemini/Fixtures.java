package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.testkit.Requests;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Reads golden fixtures from the test classpath. */
final class Fixtures {
    static final ModelDescriptor FLASH = ModelDescriptor.of("gemini-2.5-flash", "gemini", 1_048_576, 65_536,
            Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON));

    private Fixtures() {
    }

    /** A one-message request with extra top-level fields (a JSON fragment starting with a comma, or empty). */
    static ChatRequest userRequest(String extraFields) {
        return Requests.chat("{\"model\": \"gemini-2.5-flash\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]" + extraFields + "}");
    }

    /** The JSON without {@code created}, which is the clock's. */
    static JsonObject withoutCreated(JsonObject json) {
        JsonObject copy = json.copy();
        copy.remove("created");
        return copy;
    }
}
