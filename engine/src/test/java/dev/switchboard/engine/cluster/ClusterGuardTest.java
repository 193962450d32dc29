package dev.switchboard.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines, the degraded state with its probes, and recovery. */
class ClusterGuardTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() throws Exception {
        get(vertx.close());
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static <T> Future<T> never() {
        return Promise.<T>promise().future();
    }

    @Test
    void anOperationThatHangsGetsTheLocalDecisionAtTheDeadline() throws Exception {
        ClusterGuard guard = ClusterGuard.forTest(vertx, 100);
        long t0 = System.nanoTime();
        assertEquals("local", get(guard.call("op", ClusterGuardTest::never, () -> Future.succeededFuture("local"))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 90 && ms < 5000, "decided at the deadline, not when the op answers (never), took " + ms + " ms");
        assertTrue(guard.degraded());
        assertEquals(1, guard.timeouts());
    }

    @Test
    void whileDegradedOperationsDecideLocallyAtOnceExceptOneProbe() throws Exception {
        ClusterGuard guard = ClusterGuard.forTest(vertx, 50);
        get(guard.call("op", ClusterGuardTest::never, () -> Future.succeededFuture("local")));
        AtomicInteger tried = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            assertEquals("local", get(guard.call("op", () -> {
                tried.incrementAndGet();
                return never();
            }, () -> Future.succeededFuture("local"))));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 40, "no wait for the frozen cluster");
        }
        assertEquals(0, tried.get(), "the frozen cluster is not asked again before the probe is due");

        AtomicInteger recovered = new AtomicInteger();
        guard.onRecovered(recovered::incrementAndGet);
        long deadline = System.currentTimeMillis() + 5000;
        int probes = 0;
        while (guard.degraded() && System.currentTimeMillis() < deadline) {
            String answer = get(guard.call("op", () -> Future.succeededFuture("shared"), () -> Future.succeededFuture("local")));
            probes += "shared".equals(answer) ? 1 : 0;
            Thread.sleep(20); // polling for the probes, with a deadline
        }
        assertFalse(guard.degraded());
        assertEquals(ClusterGuard.RECOVERY_PROBES, probes, "healthy again after enough probes in a row answered");
        assertEquals(1, recovered.get());
    }

    @Test
    void aProbeThatTimesOutStartsTheCountAgain() throws Exception {
        ClusterGuard guard = ClusterGuard.forTest(vertx, 50);
        get(guard.call("op", ClusterGuardTest::never, () -> Future.succeededFuture("local")));
        long deadline = System.currentTimeMillis() + 10_000;
        int answered = 0;
        boolean hung = false;
        while (guard.degraded() && System.currentTimeMillis() < deadline) {
            boolean hang = answered == ClusterGuard.RECOVERY_PROBES - 1 && !hung; // the last probe before recovery lands on a frozen key
            String answer = get(guard.call("op", () -> hang ? never() : Future.succeededFuture("shared"), () -> Future.succeededFuture("local")));
            if ("shared".equals(answer)) {
                answered++;
            } else if (hang && guard.timeouts() == 2) {
                hung = true;
            }
            Thread.sleep(20); // polling for the probes, with a deadline
        }
        assertFalse(guard.degraded());
        assertEquals(2 * ClusterGuard.RECOVERY_PROBES - 1, answered, "the streak restarted after the probe that hung");
    }

    @Test
    void aFailingOperationDecidesLocallyWithoutDegrading() throws Exception {
        ClusterGuard guard = ClusterGuard.forTest(vertx, 100);
        assertEquals("local", get(guard.call("op", () -> Future.failedFuture("boom"), () -> Future.succeededFuture("local"))));
        assertFalse(guard.degraded());
        assertEquals("shared", get(guard.call("op", () -> Future.succeededFuture("shared"), () -> Future.succeededFuture("local"))));
    }

    @Test
    void onASingleNodeOperationsRunUnguarded() throws Exception {
        ClusterGuard guard = ClusterGuard.create(vertx, 10);
        assertFalse(guard.clustered());
        Promise<String> slow = Promise.promise();
        Future<String> f = guard.call("op", slow::future, () -> Future.succeededFuture("local"));
        vertx.setTimer(100, id -> slow.complete("shared"));
        assertEquals("shared", get(f));
    }
}
