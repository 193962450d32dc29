package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.engine.resilience.ResilienceSettings;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsObserverTest {
    Vertx vertx;
    BreakerRegistry breakers;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        breakers = new BreakerRegistry(vertx, m -> new ResilienceSettings(1000, 1000, 1000, 0, 0, 0, 1, 60_000));
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailedRequestCountsAgainstTheLastModelCalledNotACandidatePassedOver() {
        var r = new dev.switchboard.engine.pipeline.RequestRecord("req-x", 1L, "auto", "fixed", "fixed", java.util.Map.of(), null, null,
                List.of(new dev.switchboard.engine.resilience.Attempt("m-a", "upstream_5xx", 500, 3),
                        dev.switchboard.engine.resilience.Attempt.skip("m-b", dev.switchboard.engine.resilience.Attempt.BREAKER_OPEN)),
                3, null, null, null, 502, "upstream_error", false, null);
        assertEquals("m-a", StatsObserver.modelOf(r));
        var none = new dev.switchboard.engine.pipeline.RequestRecord("req-y", 1L, null, null, null, java.util.Map.of(), null, null,
                List.of(dev.switchboard.engine.resilience.Attempt.skip("m-b", dev.switchboard.engine.resilience.Attempt.BREAKER_OPEN)),
                3, null, null, null, 503, "all_candidates_open", false, null);
        assertEquals(null, StatsObserver.modelOf(none), "no call at all: no model to blame");
    }

    @Test
    void perModelRouteAndTotalArithmetic() {
        StatsObserver stats = new StatsObserver();
        for (int i = 1; i <= 100; i++) {
            stats.completed(Records.ok("auto", "m-a", i * 10L, 0.0001));
        }
        stats.completed(Records.failed("auto", "m-a", 5, 502));
        stats.completed(Records.ok(null, "m-b", 40, null));
        JsonObject s = stats.snapshot(breakers, List.of("m-a", "m-b", "m-idle"));
        assertEquals("node", s.getString("scope"));

        JsonObject a = s.getJsonObject("models").getJsonObject("m-a");
        assertEquals(101, a.getLong("requests"));
        assertEquals(100, a.getLong("successes"));
        assertEquals(0.9901, a.getDouble("success_rate"), 1e-9);
        assertEquals(500, a.getDouble("p50_latency_ms"), 25);
        assertEquals(950, a.getDouble("p95_latency_ms"), 48);
        assertEquals(1200, a.getLong("input_tokens"));
        assertEquals(500, a.getLong("output_tokens"));
        assertEquals(0.01, a.getDouble("cost_usd"), 1e-9);
        assertEquals("closed", a.getString("breaker"));

        JsonObject b = s.getJsonObject("models").getJsonObject("m-b");
        assertEquals(1, b.getLong("unpriced_requests"), "a served request without a price is not free");
        assertEquals(0.0, b.getDouble("cost_usd"));

        JsonObject idle = s.getJsonObject("models").getJsonObject("m-idle");
        assertEquals(0, idle.getLong("requests"));
        assertNull(idle.getValue("success_rate"));
        assertNull(idle.getValue("p50_latency_ms"));

        assertEquals(101, s.getJsonObject("routes").getJsonObject("auto").getLong("requests"));
        assertEquals(1, s.getJsonObject("direct").getLong("requests"));
        assertEquals(102, s.getJsonObject("total").getLong("requests"));
        assertEquals(101, s.getJsonObject("total").getLong("successes"));
    }

    @Test
    void aFallbackCountsForTheModelThatServed() {
        StatsObserver stats = new StatsObserver();
        stats.completed(Records.fallback("auto", "m-bad", "m-good", 30));
        JsonObject models = stats.snapshot(breakers, List.of()).getJsonObject("models");
        assertEquals(1, models.getJsonObject("m-good").getLong("successes"));
        assertNull(models.getJsonObject("m-bad"), "only listed when in the catalog or it answered last");
    }

    @Test
    void breakerStateIsReported() throws Exception {
        ProviderException boom = new ProviderException(ErrorKind.UPSTREAM_5XX, 500, null, "boom", null);
        vertx.runOnContext(v -> breakers.run("m-a", () -> Future.failedFuture(boom)));
        long deadline = System.currentTimeMillis() + 5000;
        while (breakers.available("m-a") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10); // polling with a deadline, not synchronising by sleep
        }
        JsonObject s = new StatsObserver().snapshot(breakers, List.of("m-a"));
        assertEquals("open", s.getJsonObject("models").getJsonObject("m-a").getString("breaker"));
        assertEquals(2, MetricsObserver.breakerState(breakers, "m-a"));
        assertEquals(0, MetricsObserver.breakerState(breakers, "m-other"));
    }
}
