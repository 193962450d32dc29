package dev.switchboard.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Describes one option a factory accepts, so the engine can validate, document and redact it from
 * one source. The engine checks every configured option against its factory's specs before calling
 * {@code create}: an unknown key, a value of the wrong type, a value not allowed, a number out of
 * range and a missing required option are start-up errors naming the key path. The factory then
 * gets the options with every unset option that has a {@link #defaultValue()} filled in.
 *
 * <p>Declare typed specs with the builders and refine them with the {@code with…}/{@code as…}
 * methods (each returns a new spec):
 * <pre>{@code
 * OptionSpec.integer("fallbacks", "how many next-cheapest models follow").withDefault(2).atLeast(0)
 * OptionSpec.string("api-key", "bearer token").asSecret()
 * OptionSpec.string("mode", "how to pick").withAllowed("fast", "exact").asRequired()
 * }</pre>
 *
 * @param name          the option key as written in config (kebab-case)
 * @param required      whether config must set it
 * @param secret        whether its value is a secret (redacted in logs, errors and config dumps)
 * @param description   one line for documentation and error messages
 * @param type          the value's type; {@link OptionType#ANY} is not checked
 * @param defaultValue  the value used when unset (a string, number or boolean), or null when there is
 *                      none or it depends on other options (the description then says what it is)
 * @param allowedValues the only values allowed (for strings; empty: any)
 * @param minimum       the smallest value allowed (for numbers), or null
 * @param maximum       the largest value allowed (for numbers), or null
 */
public record OptionSpec(String name, boolean required, boolean secret, String description, OptionType type,
                         Object defaultValue, List<String> allowedValues, Double minimum, Double maximum) {
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        if (defaultValue != null && !(defaultValue instanceof String || defaultValue instanceof Number
                || defaultValue instanceof Boolean)) {
            throw new IllegalArgumentException("defaultValue of option '" + name + "' must be a string, number or boolean");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("option '" + name + "' is required, so it cannot have a default");
        }
    }

    /** An untyped spec, as declared before options had types. */
    public OptionSpec(String name, boolean required, boolean secret, String description) {
        this(name, required, secret, description, OptionType.ANY, null, List.of(), null, null);
    }

    /** An optional, non-secret option of any type (not type-checked). */
    public static OptionSpec optional(String name, String description) {
        return new OptionSpec(name, false, false, description);
    }

    /** A required, non-secret option of any type (not type-checked). */
    public static OptionSpec required(String name, String description) {
        return new OptionSpec(name, true, false, description);
    }

    /** An optional secret option (an API key, a token) of any type (not type-checked). */
    public static OptionSpec secret(String name, String description) {
        return new OptionSpec(name, false, true, description);
    }

    /** An optional option of the given type; refine it with the {@code with…}/{@code as…} methods. */
    public static OptionSpec of(String name, OptionType type, String description) {
        return new OptionSpec(name, false, false, description, type, null, List.of(), null, null);
    }

    /** An optional string option. */
    public static OptionSpec string(String name, String description) {
        return of(name, OptionType.STRING, description);
    }

    /** An optional whole-number option. */
    public static OptionSpec integer(String name, String description) {
        return of(name, OptionType.INTEGER, description);
    }

    /** An optional number option. */
    public static OptionSpec number(String name, String description) {
        return of(name, OptionType.NUMBER, description);
    }

    /** An optional boolean option. */
    public static OptionSpec bool(String name, String description) {
        return of(name, OptionType.BOOLEAN, description);
    }

    /** An optional list-of-strings option. */
    public static OptionSpec strings(String name, String description) {
        return of(name, OptionType.STRING_LIST, description);
    }

    /** An optional object option (the factory checks its inside). */
    public static OptionSpec object(String name, String description) {
        return of(name, OptionType.OBJECT, description);
    }

    /** This spec, required. */
    public OptionSpec asRequired() {
        return new OptionSpec(name, true, secret, description, type, defaultValue, allowedValues, minimum, maximum);
    }

    /** This spec, secret (redacted everywhere). */
    public OptionSpec asSecret() {
        return new OptionSpec(name, required, true, description, type, defaultValue, allowedValues, minimum, maximum);
    }

    /** This spec with a default value (a string, number or boolean). */
    public OptionSpec withDefault(Object value) {
        return new OptionSpec(name, required, secret, description, type, value, allowedValues, minimum, maximum);
    }

    /** This spec allowing only the given values. */
    public OptionSpec withAllowed(String... values) {
        return new OptionSpec(name, required, secret, description, type, defaultValue, Arrays.asList(values), minimum, maximum);
    }

    /** This spec with a smallest allowed value. */
    public OptionSpec atLeast(double min) {
        return new OptionSpec(name, required, secret, description, type, defaultValue, allowedValues, min, maximum);
    }

    /** This spec with a largest allowed value. */
    public OptionSpec atMost(double max) {
        return new OptionSpec(name, required, secret, description, type, defaultValue, allowedValues, minimum, max);
    }
}
