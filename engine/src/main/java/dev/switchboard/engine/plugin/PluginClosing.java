package dev.switchboard.engine.plugin;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Calls a plugin's {@code close()}: a failure is logged, never thrown, so one plugin cannot stop a reload or a shutdown. */
public final class PluginClosing {
    private static final Logger LOG = Logger.getLogger(PluginClosing.class.getName());

    private PluginClosing() {
    }

    /**
     * Runs {@code close}, logging a failure as a warning that names {@code what}.
     *
     * @param what the plugin instance, e.g. {@code router of route 'auto'}
     */
    public static void quietly(String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "closing the " + what + " failed (ignored): " + e, e);
        }
    }
}
