package dev.switchboard.spi.chat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A JSON object as it came over the wire (a client's request or an upstream's answer), kept so it
 * can be forwarded or answered as it came instead of being serialised again. The contract sees
 * only these operations; how the bytes are kept is the implementation's business (the engine and
 * the toolkit's {@code SourceJson} keep them with the offsets they need). Read-only.
 */
public interface RawJson {

    /** A JSON object without bytes: {@link #withModel} and {@link #answer} return null, so callers serialise it. */
    static RawJson of(JsonObject json) {
        Objects.requireNonNull(json, "json");
        return () -> json;
    }

    /** The parsed object; do not mutate it (copy first). */
    JsonObject json();

    /**
     * The bytes with the top-level {@code model} string replaced by {@code model} and nothing else
     * changed, or null when there are no bytes or no single model string to replace (the caller
     * then serialises a copy of {@link #json()}).
     */
    default Buffer withModel(String model) {
        return null;
    }

    /**
     * The object as bytes with its top-level {@code usage} set to {@code usage} (the upstream's usage
     * with our cost added), when that can be done on the bytes; null when the caller must rebuild the
     * object instead.
     *
     * @param usage the usage to answer (null: none)
     */
    default Buffer answer(Usage usage) {
        return null;
    }
}
