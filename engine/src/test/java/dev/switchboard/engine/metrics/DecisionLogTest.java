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
    void theRingGivesBackEveryFieldItWasGiven() {
        java.util.List<dev.switchboard.engine.pipeline.RequestRecord> records = java.util.List.of(
                Records.ok("auto", "m-a", 7, 0.25), Records.ok(null, "m-b", 3, null), Records.fallback("auto", "m-bad", "m-good", 30),
                Records.failed(null, "m-x", 9, 502),
                new dev.switchboard.engine.pipeline.RequestRecord("req-8f3a9c0d1e3b4a7c", 5, "r", "keyword", "keyword: code",
                        java.util.Map.of("category", "code"), "m", "p", java.util.List.of(), 1, 4L,
                        new dev.switchboard.spi.chat.Usage(3, 2, 1, 0.5), 0.5, 200, null, true, "team"),
                new dev.switchboard.engine.pipeline.RequestRecord("req-0f3a9c0d1e3b4a7c", 5, null, null, null, java.util.Map.of(), null,
                        null, java.util.List.of(dev.switchboard.engine.resilience.Attempt.skip("m", dev.switchboard.engine.resilience.Attempt.BREAKER_OPEN)), 1, null, null,
                        null, 503, "no_model_available", false, null),
                new dev.switchboard.engine.pipeline.RequestRecord("client-supplied id", 5, null, null, "direct", java.util.Map.of(), "m",
                        "p", java.util.List.of(new dev.switchboard.engine.resilience.Attempt("m", "ok", 200, 2)), 2, null,
                        dev.switchboard.spi.chat.Usage.of(1, 1), null, 200, null, false, null));
        DecisionLog log = new DecisionLog(records.size(), null);
        records.forEach(log::completed);
        List<JsonObject> newest = log.newest(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(DecisionLog.toJson(records.get(records.size() - 1 - i)), newest.get(i));
        }
        assertEquals(0, DecisionRing.generatedIdBits("req-0f3a9c0d1e3b4a7c"), "15 digits once printed: kept as a string");
        assertEquals(0, DecisionRing.generatedIdBits("req-8F3A9C0D1E3B4A7C"), "upper case: kept as a string");
        assertEquals(0x8f3a9c0d1e3b4a7cL, DecisionRing.generatedIdBits("req-8f3a9c0d1e3b4a7c"));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionLog(0, null));
    }
}
