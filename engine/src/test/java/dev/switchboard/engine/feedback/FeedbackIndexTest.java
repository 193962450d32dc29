package dev.switchboard.engine.feedback;

import dev.switchboard.engine.metrics.RatedRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The index of rateable requests: bounded on one node, shared through the cluster map (two indexes on
 * one Vert.x with guards that act clustered stand for two nodes), rated once.
 */
class FeedbackIndexTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static RequestRecord served(String id, String key, int status) {
        return new RequestRecord(id, System.currentTimeMillis(), "ab", "weighted", "weighted", Map.of("target", "m-a", "category", "code"),
                status == 200 ? "m-a" : null, "fake", List.of(new Attempt("m-a", "ok", status, 5)), 5, null, null, 0.01, status, null,
                false, key);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aServedRequestIsFoundWithWhatItWasRoutedTo() throws Exception {
        FeedbackIndex index = new FeedbackIndex(vertx, ClusterGuard.create(vertx, 300), 60_000, 10);
        index.completed(served("req-1", "team", 200));
        index.completed(served("req-failed", "team", 502));
        RatedRequest q = await(index.find("req-1"));
        assertEquals("ab", q.route());
        assertEquals("m-a", q.arm());
        assertEquals("code", q.category());
        assertEquals("m-a", q.model());
        assertEquals("team", q.keyName());
        assertTrue(q.expiresAt() > System.currentTimeMillis() + 50_000);
        assertNull(await(index.find("req-failed")), "a failed request cannot be rated");
        assertNull(await(index.find("req-unknown")));
    }

    @Test
    void theOldestEntriesGoFirst() throws Exception {
        FeedbackIndex index = new FeedbackIndex(vertx, ClusterGuard.create(vertx, 300), 60_000, 3);
        for (int i = 0; i < 5; i++) {
            index.completed(served("req-" + i, null, 200));
        }
        assertNull(await(index.find("req-1")));
        assertEquals("req-4", await(index.find("req-4")).requestId());
    }

    @Test
    void anotherNodeFindsTheRequestAndARequestIsRatedOnceClusterWide() throws Exception {
        FeedbackIndex served = new FeedbackIndex(vertx, ClusterGuard.forTest(vertx, 1000), 60_000, 10);
        FeedbackIndex other = new FeedbackIndex(vertx, ClusterGuard.forTest(vertx, 1000), 60_000, 10);
        await(served.settle(served("req-x", "team", 200)));   // the answer is released once this completes
        assertEquals("m-a", await(other.find("req-x")).model(), "found on the node that did not serve it");
        assertTrue(await(other.claim("req-x")));
        assertFalse(await(served.claim("req-x")), "rated on the other node already");
        assertFalse(await(other.claim("req-x")));
    }
}
