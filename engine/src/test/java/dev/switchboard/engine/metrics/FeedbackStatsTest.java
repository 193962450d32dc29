package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.routing.RoutingStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feedback table: served requests and ratings per route, category, tier, arm and model; sums across nodes; the row cap. */
class FeedbackStatsTest {

    static RequestRecord served(String id, String route, Map<String, String> labels, String model, long latencyMs, double cost) {
        return new RequestRecord(id, 1_700_000_000_000L, route, "weighted", "weighted: " + model, labels, model, "fake",
                List.of(new Attempt(model, "ok", 200, latencyMs)), latencyMs, null, Usage.of(10, 5), cost, 200, null, false, "team");
    }

    static RatedRequest rated(RequestRecord r) {
        return RatedRequest.of(r, 60_000);
    }

    static JsonObject row(JsonObject table, String arm) {
        JsonArray rows = table.getJsonArray("rows");
        for (int i = 0; i < rows.size(); i++) {
            if (arm.equals(rows.getJsonObject(i).getString("arm"))) {
                return rows.getJsonObject(i);
            }
        }
        throw new AssertionError("no row for arm " + arm + " in " + rows);
    }

    @Test
    void anAbSplitReadsInOneRowPerArm() {
        StatsObserver stats = new StatsObserver();
        RequestRecord a1 = served("req-a1", "ab", Map.of("target", "cheap"), "cheap", 100, 0.001);
        RequestRecord a2 = served("req-a2", "ab", Map.of("target", "cheap"), "cheap", 300, 0.003);
        RequestRecord b1 = served("req-b1", "ab", Map.of("target", "strong"), "strong", 50, 0.02);
        for (RequestRecord r : List.of(a1, a2, b1)) {
            stats.completed(r);
        }
        stats.feedback().rated(rated(a1), 1.0, "up");
        stats.feedback().rated(rated(a2), 0.5, null);
        stats.feedback().rated(rated(b1), 0.0, "down");

        JsonObject cheap = row(stats.feedback().toJson(), "cheap");
        assertEquals("ab", cheap.getString("route"));
        assertEquals("cheap", cheap.getString("model"));
        assertNull(cheap.getString("category"));
        assertEquals(2, cheap.getLong("requests"));
        assertEquals(0.004, cheap.getDouble("cost_usd"), 1e-12);
        assertEquals(0.002, cheap.getDouble("mean_cost_usd"), 1e-12);
        assertEquals(200.0, cheap.getDouble("mean_latency_ms"));
        assertEquals(2, cheap.getLong("ratings"));
        assertEquals(0.75, cheap.getDouble("mean_score"));
        assertEquals(1, cheap.getLong("thumbs_up"));
        assertEquals(0, cheap.getLong("thumbs_down"));
        JsonObject strong = row(stats.feedback().toJson(), "strong");
        assertEquals(0.0, strong.getDouble("mean_score"));
        assertEquals(1, strong.getLong("thumbs_down"));
        assertEquals(stats.export(List.of()).getJsonObject("feedback"), stats.feedback().export(), "the cluster sums get the table");
    }

    @Test
    void failedAndDirectRequestsAreNotServedRows() {
        StatsObserver stats = new StatsObserver();
        stats.completed(Records.failed("ab", "cheap", 10, 502));
        stats.completed(Records.ok(null, "cheap", 10, 0.1));
        assertEquals(0, stats.feedback().toJson().getJsonArray("rows").size());
    }

    @Test
    void ratingsFeedRoutingQuality() {
        StatsObserver stats = new StatsObserver();
        RequestRecord r = served("req-q", "ab", Map.of("target", "cheap"), "cheap", 10, 0.0);
        stats.completed(r);
        RoutingStats routing = stats;
        assertNull(routing.model("cheap").quality(), "no rating yet");
        stats.feedback().rated(rated(r), 0.2, null);
        stats.feedback().rated(rated(r), 0.6, null);
        assertEquals(0.4, routing.model("cheap").quality(), 1e-12);
        assertEquals(0.4, routing.route("ab").quality(), 1e-12);
        assertEquals(1, routing.model("cheap").requests());
        RatedRequest elsewhere = new RatedRequest("req-e", "ab", "weighted", null, null, "strong", "strong", null, 5, null, Long.MAX_VALUE);
        stats.feedback().rated(elsewhere, 1.0, "up");   // served by another node, rated here
        assertEquals(new RoutingStats.Figures(0, 0, null, null, 1.0), routing.model("strong"));
    }

    @Test
    void nodesSumRowByRow() {
        FeedbackStats one = new FeedbackStats();
        FeedbackStats two = new FeedbackStats();
        RequestRecord r = served("req-s", "tiers", Map.of("tier", "budget"), "cheap", 100, 0.01);
        one.served(r);
        two.served(r);
        two.rated(rated(r), 1.0, "up");   // rated on the node that did not serve it
        FeedbackStats sum = new FeedbackStats();
        sum.absorb(one.export());
        sum.absorb(two.export());
        JsonObject row = sum.toJson().getJsonArray("rows").getJsonObject(0);
        assertEquals("budget", row.getString("tier"));
        assertEquals(2, row.getLong("requests"));
        assertEquals(0.02, row.getDouble("cost_usd"), 1e-12);
        assertEquals(100.0, row.getDouble("mean_latency_ms"));
        assertEquals(1, row.getLong("ratings"));
        assertEquals(1.0, row.getDouble("mean_score"));
        assertEquals(1, sum.toJson().getJsonArray("rows").size());
    }

    @Test
    void rowsBeyondTheCapShareTheOtherRow() {
        FeedbackStats stats = new FeedbackStats();
        for (int i = 0; i < FeedbackStats.MAX_ROWS + 5; i++) {
            stats.served(served("req-" + i, "route-" + i, Map.of(), "m", 1, 0));
        }
        JsonArray rows = stats.toJson().getJsonArray("rows");
        assertEquals(FeedbackStats.MAX_ROWS + 1, rows.size());
        JsonObject other = rows.stream().map(JsonObject.class::cast).filter(j -> "other".equals(j.getString("route"))).findFirst().orElseThrow();
        assertEquals(5, other.getLong("requests"));
    }
}
