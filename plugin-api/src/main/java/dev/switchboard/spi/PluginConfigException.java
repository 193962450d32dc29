package dev.switchboard.spi;

/**
 * Thrown by a factory whose options are invalid. The engine prefixes {@link #path()} with the
 * config location (for example {@code routes.auto.options.}) so the operator sees exactly which
 * key to fix.
 */
public class PluginConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    /**
     * @param path    the option path relative to the factory's options, e.g. {@code tiers.budget}
     * @param message what is wrong and what would be right
     */
    public PluginConfigException(String path, String message) {
        super(message);
        this.path = path == null ? "" : path;
    }

    /** The option path relative to the factory's options; empty when the options as a whole are wrong. */
    public String path() {
        return path;
    }
}
