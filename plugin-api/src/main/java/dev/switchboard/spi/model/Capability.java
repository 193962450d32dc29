package dev.switchboard.spi.model;

import java.util.Locale;

/** What a model can do beyond plain text chat; routers and the engine filter candidates by it. */
public enum Capability {
    /** Accepts image parts. */
    VISION,
    /** Accepts function tools and returns tool calls. */
    TOOLS,
    /** Honours {@code response_format} JSON mode / JSON schema. */
    JSON,
    /**
     * Serves {@code POST /v1/embeddings}. An embedding model serves no chat: chat requests skip
     * it, and embeddings requests only go to models with this capability.
     */
    EMBEDDINGS;

    /** The config spelling, e.g. {@code vision}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the config spelling; returns null when unknown. */
    public static Capability fromConfig(String name) {
        for (Capability c : values()) {
            if (c.configName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
