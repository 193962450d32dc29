package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsSumTest {

    @Test
    void sumOfNodesEqualsOneNodeThatSawEveryRequest() {
        StatsObserver[] nodes = {new StatsObserver(), new StatsObserver(), new StatsObserver()};
        StatsObserver all = new StatsObserver();
        for (int i = 1; i <= 300; i++) {
            // skewed on purpose: node 0 fast, node 2 slow, so averaging the nodes' percentiles would be wrong
            var r = i % 7 == 0 ? Records.failed("auto", "m-a", i, 502) : Records.ok(i % 2 == 0 ? "auto" : null, "m-a", i * (1 + i % 3), 0.0001);
            nodes[i % 3].completed(r);
            all.completed(r);
        }
        StatsSum sum = new StatsSum();
        for (StatsObserver n : nodes) {
            // through the wire form, as the event bus carries it
            sum.add(new JsonObject(n.export(List.of("m-a", "m-b")).encode()));
        }
        JsonObject merged = sum.toJson();
        JsonObject expected = all.export(List.of("m-a", "m-b"));
        for (String part : List.of("total", "direct")) {
            assertEquals(render(expected.getJsonObject(part)), merged.getJsonObject(part), part);
        }
        assertEquals(render(expected.getJsonObject("models").getJsonObject("m-a")), merged.getJsonObject("models").getJsonObject("m-a"));
        assertEquals(0, merged.getJsonObject("models").getJsonObject("m-b").getLong("requests"), "catalog models listed with zeros");
        assertEquals(render(expected.getJsonObject("routes").getJsonObject("auto")), merged.getJsonObject("routes").getJsonObject("auto"));
        assertEquals(render(expected.getJsonObject("keys").getJsonObject("team-a")), merged.getJsonObject("keys").getJsonObject("team-a"),
                "per key name");
        assertEquals(List.of("team-a"), List.copyOf(merged.getJsonObject("keys").fieldNames()), "requests without a key are under no key");
        assertEquals(all.feedback().toJson(), merged.getJsonObject("feedback"), "the feedback table sums row by row");
        assertEquals(1, merged.getJsonObject("feedback").getJsonArray("rows").size(), "one route, tier and model");
    }

    private static JsonObject render(JsonObject export) {
        RequestStats s = new RequestStats();
        s.absorb(export);
        return s.toJson();
    }

    @Test
    void anEmptyNodeChangesNothing() {
        StatsObserver busy = new StatsObserver();
        busy.completed(Records.ok(null, "m-a", 40, 0.5));
        StatsSum sum = new StatsSum();
        sum.add(busy.export(List.of("m-a")));
        sum.add(new StatsObserver().export(List.of("m-a")));
        JsonObject a = sum.toJson().getJsonObject("models").getJsonObject("m-a");
        assertEquals(1, a.getLong("requests"));
        assertEquals(40.0, a.getDouble("p50_latency_ms"));
        assertEquals(0.5, a.getDouble("cost_usd"));
    }
}
