package dev.switchboard.config;

/**
 * One problem in a configuration.
 *
 * @param path    the key path, e.g. {@code models.gpt-4o.provider}
 * @param message what is wrong and what would be right
 */
public record ConfigError(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
