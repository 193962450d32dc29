package dev.switchboard.engine.plugin;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.logging.Logger;

/**
 * Decides whether this engine runs a plugin built for a given contract version: same or older
 * major loads, a newer major is refused with one line naming the jar and both versions, a newer
 * minor loads with a warning (it may use additions this engine lacks).
 */
final class SpiVersionCheck {
    private static final Logger LOG = Logger.getLogger(SpiVersionCheck.class.getName());
    private static final SpiVersion ENGINE = SpiVersion.current();

    private SpiVersionCheck() {
    }

    /**
     * The version a jar's manifest declares ({@link SpiVersion#MANIFEST_ATTRIBUTE}), checked before
     * any of its classes load; null when the manifest says nothing (the plugins' own
     * {@link Plugin#spiVersion()} then decide).
     *
     * @throws PluginLoadException when the jar cannot be read or declares a version this engine refuses
     */
    static SpiVersion ofJar(Path jar) {
        String declared;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            declared = manifest == null ? null : manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
        } catch (IOException e) {
            throw new PluginLoadException("cannot read plugin jar " + jar + ": " + e.getMessage(), e);
        }
        return declared == null ? null : check(declared, "plugin jar " + jar.getFileName());
    }

    /** The version {@code plugin} declares, checked; {@code source} names where it came from. */
    static SpiVersion ofPlugin(Plugin plugin, String source) {
        return check(plugin.spiVersion(), "plugin " + plugin.name() + " from " + source);
    }

    private static SpiVersion check(String declared, String who) {
        SpiVersion version;
        try {
            version = SpiVersion.parse(declared);
        } catch (IllegalArgumentException e) {
            throw new PluginLoadException(who + " declares an unreadable plugin SPI version: " + e.getMessage(), e);
        }
        if (!ENGINE.runs(version)) {
            throw new PluginLoadException(who + " was built for plugin SPI " + version + " but this engine implements SPI "
                    + ENGINE + ": use a release of the plugin built for SPI " + ENGINE.major() + ".x, or upgrade Switchboard");
        }
        if (version.major() == ENGINE.major() && version.minor() > ENGINE.minor()) {
            LOG.warning(() -> who + " was built for plugin SPI " + version + ", newer than this engine's " + ENGINE
                    + ": it loads, but fails if it calls what " + version + " added");
        }
        return version;
    }
}
