package dev.switchboard.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void theBuildWritesTheSameVersionIntoPluginManifestsAsTheContractDeclares() throws Exception {
        Properties p = new Properties();
        try (InputStream in = SpiVersionTest.class.getResourceAsStream("/spi-version.properties")) {
            p.load(in);
        }
        assertEquals(SpiVersion.CURRENT, p.getProperty("build"),
                "the parent pom's switchboard.spi.version must equal SpiVersion.CURRENT");
    }

    @Test
    void parsesMajorMinorAndABareMajor() {
        assertEquals(new SpiVersion(1, 0), SpiVersion.parse("1.0"));
        assertEquals(new SpiVersion(2, 0), SpiVersion.parse(" 2 "));
        assertEquals("1.3", SpiVersion.parse("1.3").toString());
        for (String bad : new String[] {"", "1.", "a.b", "1.2.3", "-1.0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse(bad), bad);
            assertTrue(e.getMessage().contains("SPI version"), e.getMessage());
        }
    }

    @Test
    void anEngineRunsPluginsOfItsOwnOrAnOlderMajorOnly() {
        SpiVersion engine = new SpiVersion(1, 2);
        assertTrue(engine.runs(new SpiVersion(1, 0)));
        assertTrue(engine.runs(new SpiVersion(1, 5)), "a newer minor loads (with a warning)");
        assertFalse(engine.runs(new SpiVersion(2, 0)));
    }

    @Test
    void aPluginThatDeclaresNothingIsTakenForTheFirstVersionedContract() {
        assertEquals("1.0", new Plugin() { }.spiVersion());
    }
}
