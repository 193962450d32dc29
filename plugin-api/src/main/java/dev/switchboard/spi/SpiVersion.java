package dev.switchboard.spi;

import java.util.Objects;

/**
 * A version of this contract, {@code major.minor}. A minor release only adds (types, default
 * methods, record constructors beside the old ones), so a plugin built for {@code 1.0} runs on any
 * {@code 1.x} engine; a major release may remove or change signatures, so the engine refuses a plugin
 * built for a newer major than its own. The committed API snapshot
 * ({@code plugin-api/api/plugin-api.txt}) is what the build compares the contract with.
 *
 * <p>A plugin says which version it was built for in two places, both written without effort:
 * the jar manifest attribute {@value #MANIFEST_ATTRIBUTE} (the build writes it; see the README's
 * "Writing a plugin"), checked before any of the jar's classes load, and
 * {@link Plugin#spiVersion()} overridden as {@code return SpiVersion.CURRENT;} (the compiler copies
 * the constant into the plugin's class, so it records the version compiled against).
 *
 * @param major incremented by incompatible changes
 * @param minor incremented by compatible additions
 */
public record SpiVersion(int major, int minor) {
    /** The version of the contract this artifact holds. */
    public static final String CURRENT = "1.0";

    /** The plugin jar manifest attribute that names the contract version the jar was built for. */
    public static final String MANIFEST_ATTRIBUTE = "Switchboard-Spi-Version";

    public SpiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("SPI version numbers must not be negative: " + major + "." + minor);
        }
    }

    /** {@link #CURRENT}, parsed. */
    public static SpiVersion current() {
        return parse(CURRENT);
    }

    /**
     * Reads {@code major.minor} (a bare {@code major} means {@code major.0}).
     *
     * @throws IllegalArgumentException when {@code text} is not such a version
     */
    public static SpiVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split("\\.", -1);
        try {
            if (parts.length == 1) {
                return new SpiVersion(Integer.parseInt(parts[0]), 0);
            }
            if (parts.length == 2) {
                return new SpiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below, with the text
        }
        throw new IllegalArgumentException("not an SPI version (major.minor, e.g. " + CURRENT + "): '" + text + "'");
    }

    /** Whether an engine implementing this version can run a plugin built for {@code pluginVersion}: same or older major. */
    public boolean runs(SpiVersion pluginVersion) {
        return pluginVersion.major <= major;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
