package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15's route keys ({@code decision-timeout-ms}, {@code fallback-router}, {@code fallback-options}) and {@code routing.*}. */
class RoutingConfigTest {
    private static final String MODELS = """
            providers: {openai: {type: openai}}
            models: {m1: {provider: openai}}
            """;

    @Test
    void defaultsWhenUnset() {
        SwitchboardConfig c = ConfigLoaderTest.load(MODELS + "routes: {r: {router: fixed}}");
        SwitchboardConfig.Route r = c.routes().get("r");
        assertEquals(1000, r.decisionTimeoutMs());
        assertNull(r.fallbackRouter());
        assertEquals(4, c.routing().workerPoolSize());
        assertEquals(64, c.routing().workerQueue());
    }

    @Test
    void keysAreRead() {
        SwitchboardConfig c = ConfigLoaderTest.load(MODELS + """
                routing: {worker-pool-size: 2, worker-queue: 0}
                routes:
                  a: {router: fixed, decision-timeout-ms: 250, fallback-router: b}
                  b: {router: fixed, fallback-router: cost-floor, fallback-options: {models: [m1]}}
                """);
        assertEquals(250, c.routes().get("a").decisionTimeoutMs());
        assertEquals("b", c.routes().get("a").fallbackRouter());
        assertEquals("cost-floor", c.routes().get("b").fallbackRouter());
        assertEquals("m1", c.routes().get("b").fallbackOptions().getJsonArray("models").getString(0));
        assertEquals(2, c.routing().workerPoolSize());
        assertEquals(0, c.routing().workerQueue());
    }

    @Test
    void badValuesNameTheirKeyPath() {
        ConfigException e = ConfigLoaderTest.invalid(MODELS + """
                routing: {worker-pool-size: 0, worker-queue: -1}
                routes:
                  a: {router: fixed, decision-timeout-ms: 0, fallback-router: nowhere}
                  b: {router: fixed, decision-timeout-ms: soon, fallback-router: b}
                  c: {router: fixed, fallback-router: a, fallback-options: {x: 1}}
                  d: {router: fixed, fallback-options: {x: 1}}
                """);
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertTrue(paths.containsAll(List.of("routing.worker-pool-size", "routing.worker-queue", "routes.a.decision-timeout-ms",
                "routes.a.fallback-router", "routes.b.decision-timeout-ms", "routes.b.fallback-router", "routes.c.fallback-options",
                "routes.d.fallback-options")), paths.toString());
        String unknown = e.errors().stream().filter(x -> x.path().equals("routes.a.fallback-router")).findFirst().orElseThrow().message();
        assertTrue(unknown.contains("nowhere") && unknown.contains("cost-floor"), unknown);
    }
}
