package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code server.*}: connection timeouts, the connection cap and the readiness lag, with their defaults and key-path errors. */
class ServerConfigTest {

    @Test
    void timeoutsAndCapHaveDocumentedDefaults() {
        SwitchboardConfig.Server s = ConfigLoaderTest.load("server: {port: 0}\n").server();
        assertEquals(10_000, s.headerTimeoutMs());
        assertEquals(75_000, s.idleTimeoutMs());
        assertEquals(60_000, s.bodyTimeoutMs());
        assertEquals(10_000, s.maxConnections());
        assertEquals(2_000, s.maxEventLoopLagMs());
    }

    @Test
    void valuesAreRead() {
        SwitchboardConfig.Server s = ConfigLoaderTest.load("""
                server: {header-timeout-ms: 500, idle-timeout-ms: 700, body-timeout-ms: 900, max-connections: 3, max-event-loop-lag-ms: 250}
                """).server();
        assertEquals(List.of(500L, 700L, 900L, 3, 250L),
                List.of(s.headerTimeoutMs(), s.idleTimeoutMs(), s.bodyTimeoutMs(), s.maxConnections(), s.maxEventLoopLagMs()));
    }

    @Test
    void badValuesNameTheirKeyPath() {
        ConfigException e = ConfigLoaderTest.invalid("""
                server: {header-timeout-ms: 0, idle-timeout-ms: soon, body-timeout-ms: -1, max-connections: 0, max-event-loop-lag-ms: 1}
                """);
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertEquals(List.of("server.body-timeout-ms", "server.header-timeout-ms", "server.idle-timeout-ms", "server.max-connections",
                "server.max-event-loop-lag-ms"), paths.stream().sorted().toList(), e.getMessage());
        assertTrue(e.getMessage().contains("server.idle-timeout-ms: must be a whole number"), e.getMessage());
    }
}
