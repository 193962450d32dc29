package dev.switchboard.spi.api;

import dev.switchboard.spi.SpiVersion;

/** The committed snapshot file: a comment header naming the SPI version and how to regenerate it, then the dump. */
final class ApiSnapshot {
    private static final String VERSION_LINE = "# spi-version: ";

    private ApiSnapshot() {
    }

    static String header(String updateCommand) {
        return "# The public contract of plugin-api (module plugin-api), checked by ContractSnapshotTest in mvn verify.\n"
                + "# Regenerate after a reviewed change: " + updateCommand + "\n"
                + VERSION_LINE + SpiVersion.CURRENT + "\n";
    }

    /** The SPI version the snapshot was written for ({@link SpiVersion#CURRENT} when it names none). */
    static String version(String snapshot) {
        return snapshot.lines().filter(l -> l.startsWith(VERSION_LINE)).map(l -> l.substring(VERSION_LINE.length()).trim())
                .findFirst().orElse(SpiVersion.CURRENT);
    }

    /** The dump without the header. */
    static String body(String snapshot) {
        StringBuilder out = new StringBuilder();
        snapshot.lines().filter(l -> !l.startsWith("#")).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
