package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code logging} keys: defaults, typed reads and errors that name the key path. */
class LoggingConfigTest {

    @Test
    void defaultsWhenAbsent() {
        SwitchboardConfig.Logging l = ConfigLoaderTest.load("server: {port: 8080}").logging();
        assertEquals(1000, l.decisionRingSize());
        assertNull(l.decisionsFile());
        assertEquals(50L * 1024 * 1024, l.decisionsMaxBytes());
        assertEquals(5, l.decisionsMaxFiles());
    }

    @Test
    void valuesAreRead() {
        SwitchboardConfig.Logging l = ConfigLoaderTest.load("""
                logging: {decision-ring-size: 50, decisions-file: /var/log/sb/decisions.jsonl, decisions-max-bytes: 4096,
                          decisions-max-files: 3}
                """).logging();
        assertEquals(50, l.decisionRingSize());
        assertEquals("/var/log/sb/decisions.jsonl", l.decisionsFile());
        assertEquals(4096, l.decisionsMaxBytes());
        assertEquals(3, l.decisionsMaxFiles());
    }

    @Test
    void badValuesAndUnknownKeysNameTheirPath() {
        ConfigException e = ConfigLoaderTest.invalid("""
                logging: {decision-ring-size: 0, decisions-max-files: many, decisions-max-bytes: 10, level: debug}
                """);
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertTrue(paths.containsAll(List.of("logging.decision-ring-size", "logging.decisions-max-files",
                "logging.decisions-max-bytes", "logging.level")), paths.toString());
    }
}
