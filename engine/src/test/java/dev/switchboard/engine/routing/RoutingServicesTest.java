package dev.switchboard.engine.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.metrics.StatsObserver;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.routing.RoutingServices;
import dev.switchboard.spi.routing.RoutingStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The services an asynchronous router gets: the shared cache, the worker pool and the statistics. */
class RoutingServicesTest {
    private final Vertx vertx = Vertx.vertx();
    private final StatsObserver stats = new StatsObserver();
    private final RoutingEngine engine = new RoutingEngine(vertx, RoutingWorkers.create(vertx, 1, 1),
            new SharedRoutingCache(vertx, ClusterGuard.create(vertx, 300)), stats);

    @AfterEach
    void tearDown() throws Exception {
        get(vertx.close());
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private RoutingServices services(String route) {
        return engine.session((r, chain) -> Future.failedFuture("unused"), List.of()).servicesFor(route);
    }

    @Test
    void theCacheKeepsEntriesPerRouteUntilTheirTtl() throws Exception {
        RoutingServices a = services("a");
        get(a.cache().put("k", "v", 200));
        assertEquals("v", get(a.cache().get("k")));
        assertNull(get(services("b").cache().get("k")), "another route's entries are not visible");
        assertEquals("v", get(services("a").cache().get("k")), "shared by every request of the route");
        long deadline = System.currentTimeMillis() + 5000;
        while (get(a.cache().get("k")) != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertNull(get(a.cache().get("k")), "expired after its ttl");
        assertTrue(a.cache().put("k", "v", 0).failed(), "a ttl below 1 ms is refused");
    }

    @Test
    void executeBlockingRunsOnTheRoutingPoolAndRejectsWhenItsQueueIsFull() throws Exception {
        RoutingServices s = services("a");
        assertFalse(get(s.executeBlocking(Context::isOnEventLoopThread)));
        assertTrue(get(s.executeBlocking(() -> Thread.currentThread().getName())).startsWith(RoutingWorkers.POOL_NAME));
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> running = s.executeBlocking(() -> release.await(10, TimeUnit.SECONDS));
        Future<Boolean> queued = s.executeBlocking(() -> true);
        Future<Boolean> rejected = s.executeBlocking(() -> true);   // 1 thread + 1 queued: the third is refused at once
        assertTrue(rejected.failed());
        assertTrue(rejected.cause() instanceof RoutingWorkers.QueueFullException, String.valueOf(rejected.cause()));
        assertTrue(rejected.cause().getMessage().contains("routing.worker-queue"), rejected.cause().getMessage());
        release.countDown();
        assertTrue(get(running) && get(queued));
        assertEquals(0, engine.workers().inFlight());
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> get(s.executeBlocking(() -> {
                    throw new IllegalStateException("bad work");
                })));
        assertTrue(failed.getCause().getMessage().contains("bad work"));
    }

    @Test
    void statsAreTheEnginesPerModelAndRouteFigures() {
        RoutingServices s = services("auto");
        assertEquals(RoutingStats.Figures.EMPTY, s.stats().model("m1"));
        stats.completed(record("m1", 200, 100));
        stats.completed(record("m1", 502, 300));
        RoutingStats.Figures m1 = s.stats().model("m1");
        assertEquals(2, m1.requests());
        assertEquals(0.5, m1.errorRate(), 1e-9);
        assertTrue(m1.p50LatencyMs() >= 95 && m1.p95LatencyMs() <= 320, m1.toString());
        assertNull(m1.quality());
        assertEquals(2, s.stats().route("auto").requests());
    }

    private static RequestRecord record(String model, int status, long ms) {
        return new RequestRecord("req-" + ms, 0, "auto", "test", "r", Map.of(), status == 200 ? model : null, "p",
                List.of(new Attempt(model, status == 200 ? "ok" : "upstream_5xx", status, ms)), ms, null, null, null, status,
                status == 200 ? null : "upstream_error", false, null);
    }
}
