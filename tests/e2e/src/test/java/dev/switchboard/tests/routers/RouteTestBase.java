package dev.switchboard.tests.routers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One {@link RouterFixture} (fake upstreams and a router node) per test class, started before its tests. */
abstract class RouteTestBase {
    static RouterFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = RouterFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }
}
