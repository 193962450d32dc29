package dev.switchboard.engine.auth;

import dev.switchboard.config.SwitchboardConfig;

/**
 * Who sent a request.
 *
 * @param key the client key, or null for an anonymous caller (no keys configured, loopback bind)
 */
public record Caller(SwitchboardConfig.ApiKey key) {
    /** An anonymous caller. */
    public static final Caller ANONYMOUS = new Caller(null);

    /** The key name, or null. */
    public String name() {
        return key == null ? null : key.name();
    }
}
