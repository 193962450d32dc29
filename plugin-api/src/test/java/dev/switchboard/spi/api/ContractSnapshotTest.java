package dev.switchboard.spi.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.SpiVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build's guard on the contract: the public API of {@code plugin-api}, dumped by reflection
 * ({@link ContractDump}), must equal the committed snapshot {@code plugin-api/api/plugin-api.txt}.
 * Any difference fails {@code mvn verify}; an incompatible one (a removed or changed signature, an
 * abstract method added to an existing interface) says so. {@value #UPDATE_COMMAND} rewrites the
 * snapshot, and refuses an incompatible change unless {@link SpiVersion#CURRENT}'s major moved;
 * {@code -Dswitchboard.api.update=incompatible} records one deliberately (only while the version
 * has not been released).
 */
class ContractSnapshotTest {
    static final String UPDATE_COMMAND = "mvn -B -pl plugin-api test -Dtest=ContractSnapshotTest -Dswitchboard.api.update=true";
    private static final Path SNAPSHOT = Path.of("api", "plugin-api.txt");

    @Test
    void publicContractMatchesTheCommittedSnapshot() throws Exception {
        Path classes = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String current = ContractDump.of(classes);
        String committed = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT, StandardCharsets.UTF_8) : "";
        ApiDiff diff = ApiDiff.between(ApiSnapshot.body(committed), current);
        String update = System.getProperty("switchboard.api.update", "false");
        if (!update.equals("false")) {
            update(committed, current, diff, update.equals("incompatible"));
            return;
        }
        if (!diff.isEmpty()) {
            fail((diff.incompatible().isEmpty()
                    ? "the plugin contract grew but its API snapshot " + SNAPSHOT + " was not updated"
                    : "INCOMPATIBLE change to the plugin contract: plugins compiled against SPI " + ApiSnapshot.version(committed)
                            + " would break; keep the old signature (add a default method or a new type instead), or bump "
                            + "SpiVersion.CURRENT's major")
                    + ". Review the change, then run: " + UPDATE_COMMAND + "\n" + diff.describe());
        }
    }

    @Test
    void aRemovedMemberIsIncompatibleAndAnAddedDefaultMethodIsNot() {
        String before = "public abstract interface a.Plugin\n  public default java.lang.String name()\n";
        ApiDiff added = ApiDiff.between(before, before + "  public default java.lang.String spiVersion()\n");
        assertTrue(added.incompatible().isEmpty(), added.describe());
        assertEquals(1, added.added().size());
        ApiDiff abstractAdded = ApiDiff.between(before, before + "  public abstract java.lang.String id()\n");
        assertEquals(1, abstractAdded.incompatible().size(), "an abstract method breaks every implementation");
        ApiDiff removed = ApiDiff.between(before, "public abstract interface a.Plugin\n");
        assertEquals(1, removed.incompatible().size());
        ApiDiff changed = ApiDiff.between(before, "public abstract interface a.Plugin\n  public default java.lang.Object name()\n");
        assertEquals(1, changed.incompatible().size(), "a changed signature is a removal: " + changed.describe());
    }

    private static void update(String committed, String current, ApiDiff diff, boolean allowIncompatible) throws Exception {
        if (!diff.incompatible().isEmpty() && !committed.isEmpty() && !allowIncompatible
                && SpiVersion.parse(ApiSnapshot.version(committed)).major() == SpiVersion.current().major()) {
            fail("refusing to record an INCOMPATIBLE change under the same major version (SPI " + SpiVersion.CURRENT
                    + "): keep the old signature, or bump SpiVersion.CURRENT's major first (or, for a version never released, "
                    + "-Dswitchboard.api.update=incompatible)\n" + diff.describe());
        }
        Files.createDirectories(SNAPSHOT.getParent());
        Files.writeString(SNAPSHOT, ApiSnapshot.header(UPDATE_COMMAND) + current, StandardCharsets.UTF_8);
        System.out.println("wrote " + SNAPSHOT.toAbsolutePath() + (diff.isEmpty() ? " (unchanged)" : "\n" + diff.describe()));
    }
}
