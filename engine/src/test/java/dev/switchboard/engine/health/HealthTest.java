package dev.switchboard.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness and liveness checks, on a real Vert.x whose event loop is really blocked. */
class HealthTest {
    Vertx vertx;

    @BeforeEach
    void start() {
        // the test blocks a loop on purpose: keep Vert.x's blocked-thread warnings out of the log
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(30).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void notReadyUntilStartedAndWhileDraining() {
        Health h = new Health(new FatalErrors(), false, () -> false, 1000);
        assertFalse(h.report().ready());
        assertTrue(h.report().problems().contains("started"), h.report().problems());
        h.started();
        assertTrue(h.report().ready(), h.report().problems());
        assertEquals("disabled", h.report().checks().getString("cluster"));
        h.draining();
        assertFalse(h.report().ready());
        assertTrue(h.live(), "draining is not a reason to restart");
    }

    @Test
    void aClusteredNodeIsReadyOnlyWhileAMember() {
        AtomicBoolean member = new AtomicBoolean(false);
        Health h = new Health(new FatalErrors(), true, member::get, 1000);
        h.started();
        assertFalse(h.report().ready());
        assertEquals("not a cluster member", h.report().checks().getString("cluster"));
        member.set(true);
        assertTrue(h.report().ready(), h.report().problems());
    }

    @Test
    void anOutOfMemoryErrorFailsLivenessAndReadiness() {
        FatalErrors fatal = new FatalErrors();
        Health h = new Health(fatal, false, () -> true, 1000);
        h.started();
        assertFalse(fatal.record(new IllegalStateException("ordinary")));
        assertTrue(h.live());
        assertTrue(fatal.record(new RuntimeException("wrapped", new OutOfMemoryError("Java heap space"))));
        assertFalse(h.live());
        assertFalse(h.report().ready());
        assertTrue(h.report().checks().getString("memory").contains("Java heap space"));
    }

    @Test
    void aBlockedEventLoopFailsReadinessUntilItRunsAgain() throws Exception {
        Health h = new Health(new FatalErrors(), false, () -> true, 200);
        h.started();
        var context = vertx.getOrCreateContext();
        CountDownLatch started = new CountDownLatch(1);
        context.runOnContext(v -> {
            h.probe().start(vertx);
            started.countDown();
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(h.report().ready(), h.report().problems());
        CountDownLatch release = new CountDownLatch(1);
        context.runOnContext(v -> {
            try {
                release.await(10, TimeUnit.SECONDS); // blocks the loop on purpose: what a bad task would do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.currentTimeMillis() + 5000;
        while (h.report().ready() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(h.report().ready(), "a loop blocked past the threshold fails readiness");
        assertTrue(h.report().checks().getString("event_loops").contains("blocked"), h.report().problems());
        assertTrue(h.live(), "a blocked loop alone does not ask for a restart");
        release.countDown();
        deadline = System.currentTimeMillis() + 5000;
        while (!h.report().ready() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(h.report().ready(), "ready again once the loop runs: " + h.report().problems());
    }
}
