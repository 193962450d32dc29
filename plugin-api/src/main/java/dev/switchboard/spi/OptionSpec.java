package dev.switchboard.spi;

import java.util.Objects;

/**
 * Describes one option a factory accepts, so the engine can validate, document and redact it.
 *
 * @param name        the option key as written in config (kebab-case)
 * @param required    whether config must set it
 * @param secret      whether its value is a secret (redacted in logs, errors and config dumps)
 * @param description one line for documentation and error messages
 */
public record OptionSpec(String name, boolean required, boolean secret, String description) {
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    /** An optional, non-secret option. */
    public static OptionSpec optional(String name, String description) {
        return new OptionSpec(name, false, false, description);
    }

    /** A required, non-secret option. */
    public static OptionSpec required(String name, String description) {
        return new OptionSpec(name, true, false, description);
    }

    /** An optional secret option (an API key, a token). */
    public static OptionSpec secret(String name, String description) {
        return new OptionSpec(name, false, true, description);
    }
}
