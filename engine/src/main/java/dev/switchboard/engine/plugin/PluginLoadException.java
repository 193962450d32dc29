package dev.switchboard.engine.plugin;

/** A plugin problem that stops start-up: a jar without plugin, a duplicate id, a broken jar. */
public class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the jar or plugin */
    public PluginLoadException(String message) {
        super(message);
    }

    /** @param message what is wrong; @param cause the underlying error */
    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
