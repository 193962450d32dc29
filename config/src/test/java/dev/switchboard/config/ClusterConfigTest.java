package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code cluster} keys for frozen members: deadlines, the limits policy, failure detection. */
class ClusterConfigTest {

    @Test
    void defaults() {
        SwitchboardConfig.Cluster c = ConfigLoaderTest.load("server: {port: 8080}").cluster();
        assertEquals(300, c.opTimeoutMs());
        assertEquals("local", c.limitsOnTimeout());
        assertFalse(c.limitsFailClosed());
        assertEquals(1, c.heartbeatIntervalSeconds());
        assertEquals(6, c.maxNoHeartbeatSeconds());
    }

    @Test
    void valuesAreRead() {
        SwitchboardConfig.Cluster c = ConfigLoaderTest.load("""
                cluster: {op-timeout-ms: 200, on-timeout: {limits: fail-closed}, heartbeat-interval-seconds: 2, max-no-heartbeat-seconds: 10}
                """).cluster();
        assertEquals(200, c.opTimeoutMs());
        assertTrue(c.limitsFailClosed());
        assertEquals(2, c.heartbeatIntervalSeconds());
        assertEquals(10, c.maxNoHeartbeatSeconds());
    }

    @Test
    void badValuesNameTheirPath() {
        ConfigException e = ConfigLoaderTest.invalid("""
                cluster: {op-timeout-ms: 0, on-timeout: {limits: open, breakers: local}, heartbeat-interval-seconds: 5, max-no-heartbeat-seconds: 5}
                """);
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertTrue(paths.containsAll(List.of("cluster.op-timeout-ms", "cluster.on-timeout.limits", "cluster.on-timeout.breakers",
                "cluster.max-no-heartbeat-seconds")), paths.toString());
        assertTrue(e.errors().stream().anyMatch(err -> err.message().contains("local or fail-closed")), e.errors().toString());
    }
}
