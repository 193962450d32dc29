package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

    @Test
    void ringKeepsTheNewestFirst() {
        DecisionLog log = new DecisionLog(3, null);
        assertEquals(List.of(), log.newest(10));
        for (long ms = 1; ms <= 5; ms++) {
            log.completed(Records.ok("auto", "m-a", ms, 0.0));
        }
        assertEquals(List.of(5L, 4L, 3L), log.newest(10).stream().map(d -> d.getLong("latency_ms")).toList());
        assertEquals(List.of(5L, 4L), log.newest(2).stream().map(d -> d.getLong("latency_ms")).toList());
        assertEquals(3, log.capacity());
    }

    @Test
    void aDecisionCarriesWhatAnOperatorAsks() {
        JsonObject d = DecisionLog.toJson(Records.fallback("auto", "m-bad", "m-good", 30));
        assertEquals("2023-11-14T22:13:20Z", d.getString("time"));
        assertEquals("req-fb", d.getString("request_id"));
        assertEquals("auto", d.getString("route"));
        assertEquals("fixed", d.getString("router"));
        assertEquals("m-good", d.getString("model"));
        assertEquals("fixed: first", d.getString("reason"));
        assertEquals(2, d.getJsonArray("attempts").size());
        assertEquals("m-bad", d.getJsonArray("attempts").getJsonObject(0).getString("model"));
        assertEquals(10, d.getInteger("input_tokens"));
        assertEquals(0.001, d.getDouble("cost_usd"));
        assertEquals(200, d.getInteger("status"));
        assertNull(d.getValue("key_name"));
        assertEquals("team-a", DecisionLog.toJson(Records.ok(null, "m", 1, null)).getString("key_name"));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionLog(0, null));
    }
}
