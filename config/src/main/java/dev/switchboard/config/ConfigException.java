package dev.switchboard.config;

import java.util.List;
import java.util.stream.Collectors;

/** An invalid configuration: every problem found, each naming its key path. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigError> errors;

    /** @param errors every problem found (at least one) */
    public ConfigException(List<ConfigError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    /** A single problem. */
    public ConfigException(String path, String message) {
        this(List.of(new ConfigError(path, message)));
    }

    /** The problems, in the order found. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        return "invalid configuration (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):\n"
                + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
    }
}
