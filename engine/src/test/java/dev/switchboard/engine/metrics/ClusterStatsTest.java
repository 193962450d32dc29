package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.cluster.NodeRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live-node map and the cluster sum on one (local) Vert.x, where SharedData is in-process. */
class ClusterStatsTest {
    Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        get(vertx.close());
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ClusterStats node(int httpPort) throws Exception {
        NodeRegistry registry = get(NodeRegistry.start(vertx, new JsonObject().put("http_port", httpPort)));
        StatsObserver stats = new StatsObserver();
        return get(ClusterStats.start(vertx, registry, () -> new JsonObject().put("id", registry.id()).put("http_port", httpPort)
                .put("breakers", new JsonObject().put("m", "closed")).put("stats", stats.export(List.of("m")))));
    }

    @Test
    void aSingleNodeListsItself() throws Exception {
        JsonObject s = get(node(8081).collect());
        assertEquals("cluster", s.getString("scope"));
        assertEquals(1, s.getJsonArray("nodes").size());
        assertEquals(8081, s.getJsonArray("nodes").getJsonObject(0).getInteger("http_port"));
        assertEquals(0, s.getJsonObject("models").getJsonObject("m").getLong("requests"));
    }

    @Test
    void aLiveNodeThatDoesNotAnswerIsUnreachableUntilItLeaves() throws Exception {
        ClusterStats a = node(8081);
        node(8082);
        NodeRegistry silent = get(NodeRegistry.start(vertx, new JsonObject().put("http_port", 8083)));
        JsonObject s = get(a.collect());
        JsonArray nodes = s.getJsonArray("nodes");
        assertEquals(2, nodes.size(), s.encode());
        assertEquals(new JsonArray().add(silent.id()), s.getJsonArray("unreachable"));
        get(silent.close());
        assertTrue(get(a.collect()).getJsonArray("unreachable").isEmpty());
    }
}
