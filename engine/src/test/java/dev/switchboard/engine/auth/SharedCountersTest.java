package dev.switchboard.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shared counters when the cluster freezes: a local approximation reconciled later, or fail closed. */
class SharedCountersTest {
    final Vertx vertx = Vertx.vertx();
    volatile boolean frozen;

    @AfterEach
    void tearDown() throws Exception {
        get(vertx.close());
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The real (local) map, or one whose every call hangs while {@link #frozen}, like a map owned by a stopped member. */
    @SuppressWarnings("unchecked")
    AsyncMap<String, Long> freezable(AsyncMap<String, Long> real) {
        return (AsyncMap<String, Long>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncMap.class},
                (proxy, method, args) -> frozen ? Promise.promise().future() : method.invoke(real, args));
    }

    SharedCounters counters(boolean failClosed) throws Exception {
        AsyncMap<String, Long> real = get(vertx.sharedData().<String, Long>getAsyncMap("test.counters"));
        return new SharedCounters(Future.succeededFuture(freezable(real)), ClusterGuard.forTest(vertx, 500), failClosed);
    }

    @Test
    void aFrozenClusterIsApproximatedLocallyAndReconciledWhenItAnswers() throws Exception {
        SharedCounters c = counters(false);
        assertEquals(1, get(c.add("k", 1, 60_000)));
        assertEquals(2, get(c.add("k", 1, 60_000)));
        frozen = true;
        long t0 = System.nanoTime();
        assertEquals(3, get(c.add("k", 1, 60_000)), "the last shared value plus what this node counted");
        assertEquals(8, get(c.record("k", 5, 60_000)));
        assertEquals(8, get(c.get("k")));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000, "decided at the deadline, not when the cluster answers");
        frozen = false;
        long deadline = System.currentTimeMillis() + 5000;
        AsyncMap<String, Long> real = get(vertx.sharedData().<String, Long>getAsyncMap("test.counters"));
        while (get(real.get("k")) != 8 && System.currentTimeMillis() < deadline) {
            c.get("k"); // the probe that finds the cluster back
            Thread.sleep(50); // polling with a deadline
        }
        assertEquals(8, get(real.get("k")), "the locally counted 6 were added to the shared counter");
        assertEquals(8, get(c.get("k")));
    }

    @Test
    void failClosedRefusesAdmissionButKeepsBookkeeping() throws Exception {
        SharedCounters c = counters(true);
        assertEquals(1, get(c.add("k", 1, 60_000)));
        frozen = true;
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(c.add("k", 1, 60_000)));
        ApiException api = (ApiException) e.getCause();
        assertEquals(503, api.status());
        assertEquals("cluster_unavailable", api.code());
        assertThrows(ExecutionException.class, () -> get(c.get("k")));
        assertEquals(4, get(c.record("k", 3, 60_000)), "a served request's usage is still counted");
    }
}
