package dev.switchboard.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics}, {@code /v1/stats}, {@code /v1/decisions} and the decisions file after a known
 * mix of traffic through a fake OpenAI upstream: direct calls, a stream, a fallback, a routed call
 * that falls back, and a request that fails.
 */
class MetricsStatsDecisionsTest {
    static final int RING = 50;
    static final double COST = 0.000022; // 12 in x $1/M + 5 out x $2/M on m-ok
    static FakeOpenAi fake;
    static Node node;
    static Path decisionsFile;
    static final List<String> requestIds = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        decisionsFile = Files.createTempDirectory("switchboard-decisions").resolve("logs/decisions.jsonl");
        node = Node.start(Configs.openAi(fake) + "logging: {decision-ring-size: " + RING + ", decisions-file: \""
                + decisionsFile + "\"}\n", null);
        send(chat("m-ok", "one"), 200);
        send(chat("m-ok", "two"), 200);
        send(chat("m-500", "falls back"), 200);
        send(new JsonObject(chat("m-ok", "stream")).put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true)).encode(), 200);
        send(chat("pinned", "routed"), 200);
        send(chat("m-500-alone", "fails"), 502);
        // a stream's record may land just after its last byte: wait for all six
        long deadline = System.currentTimeMillis() + 10_000;
        while (stats("").getJsonObject("total").getLong("requests") < 6 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static String chat(String model, String text) {
        return new JsonObject().put("model", model)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text))).encode();
    }

    static void send(String body, int status) throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", body);
        assertEquals(status, r.statusCode(), r.body());
        requestIds.add(r.headers().firstValue("x-request-id").orElseThrow());
    }

    static JsonObject stats(String query) throws Exception {
        HttpResponse<String> r = node.get("/v1/stats" + query);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    static PrometheusText scrape() throws Exception {
        HttpResponse<String> r = node.get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        return PrometheusText.parse(r.body());
    }

    @Test
    void metricsCountRequestsByRouteModelProviderAndOutcome() throws Exception {
        PrometheusText p = scrape();
        assertEquals("counter", p.family("switchboard_requests_total").type());
        assertEquals(4, p.sum("switchboard_requests_total", Map.of("route", "none", "model", "m-ok", "provider", "fake", "outcome", "ok")));
        assertEquals(1, p.sum("switchboard_requests_total", Map.of("route", "pinned", "model", "m-ok", "status", "200")));
        assertEquals(1, p.sum("switchboard_requests_total", Map.of("route", "none", "model", "none", "outcome", "5xx", "status", "502")));
        // counted on the model given up on, not the one that served
        assertEquals(1, p.sum("switchboard_fallbacks_total", Map.of("route", "none", "model", "m-500", "to", "m-ok", "reason", "upstream_5xx")));
        assertEquals(1, p.sum("switchboard_fallbacks_total", Map.of("route", "pinned", "model", "m-500-alone", "to", "m-ok")));
        assertEquals(1, p.sum("switchboard_fallbacks_total", Map.of("route", "none", "model", "m-500-alone", "to", "none")),
                "the request that failed gave its only model up");
        assertEquals(0, p.sum("switchboard_fallbacks_total", Map.of("model", "m-ok")));
        assertEquals(0, p.sum("switchboard_retries_total", Map.of()), "max-retries is 0");
        assertEquals(2, p.sum("switchboard_upstream_attempts_total", Map.of("model", "m-500-alone", "outcome", "upstream_5xx")));
        assertEquals(0, p.sum("switchboard_requests_in_flight", Map.of()));
    }

    @Test
    void metricsHaveLatencyAndFirstTokenHistograms() throws Exception {
        PrometheusText p = scrape();
        assertEquals("histogram", p.family("switchboard_request_duration_seconds").type());
        Map<String, String> direct = Map.of("route", "none", "model", "m-ok", "outcome", "ok", "stream", "false");
        assertEquals(3, p.sum("switchboard_request_duration_seconds_count", direct));
        assertEquals(3, p.sum("switchboard_request_duration_seconds_bucket", with(direct, "le", "+Inf")));
        assertTrue(p.sum("switchboard_request_duration_seconds_bucket", with(direct, "le", "10.0")) > 0, "SLO buckets in seconds");
        assertEquals("histogram", p.family("switchboard_time_to_first_token_seconds").type());
        assertEquals(1, p.sum("switchboard_time_to_first_token_seconds_count", Map.of("model", "m-ok")));
    }

    @Test
    void metricsHaveTokensCostAndBreakerState() throws Exception {
        PrometheusText p = scrape();
        assertEquals(60, p.sum("switchboard_tokens_total", Map.of("model", "m-ok", "type", "input")));
        assertEquals(25, p.sum("switchboard_tokens_total", Map.of("model", "m-ok", "type", "output")));
        assertEquals(5 * COST, p.sum("switchboard_cost_usd_total", Map.of("model", "m-ok")), 1e-12);
        assertEquals("gauge", p.family("switchboard_breaker_state").type());
        assertEquals(0, p.sum("switchboard_breaker_state", Map.of("model", "m-ok")));
        assertEquals(1, p.family("switchboard_breaker_state").samples().stream().filter(s -> s.labels().get("model").equals("m-dead")).count(),
                "every catalog model has a breaker gauge");
        assertEquals(0, p.sum("switchboard_decisions_dropped_total", Map.of()));
    }

    @Test
    void metricsIncludeVertxAndJvmButNotPerRequestVertxMetersByDefault() throws Exception {
        PrometheusText p = scrape();
        assertTrue(p.families().keySet().stream().anyMatch(n -> n.startsWith("vertx_eventbus_")), p.families().keySet().toString());
        assertTrue(p.families().keySet().stream().noneMatch(n -> n.startsWith("vertx_http_") || n.startsWith("vertx_net_")),
                "per-request Vert.x domains are opt-in (metrics.vertx): " + p.families().keySet());
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes", "system_cpu_count",
                "jvm_gc_collections_total", "jvm_gc_collection_seconds_total")) {
            assertNotNull(p.family(jvm));
        }
    }

    @Test
    void upstreamCallDurationsPerModelAndOutcome() throws Exception {
        PrometheusText p = scrape();
        assertEquals("histogram", p.family("switchboard_upstream_duration_seconds").type());
        // m-ok served one, two, the fallback, the stream and the routed call
        assertEquals(5, p.sum("switchboard_upstream_duration_seconds_count", Map.of("model", "m-ok", "outcome", "ok")));
        assertEquals(2, p.sum("switchboard_upstream_duration_seconds_count", Map.of("model", "m-500-alone", "outcome", "upstream_5xx")));
        assertEquals(5, p.sum("switchboard_upstream_duration_seconds_bucket", Map.of("model", "m-ok", "outcome", "ok", "le", "+Inf")));
    }

    @Test
    void vertxHttpMetricsWhenConfigured() throws Exception {
        try (Node withHttp = Node.start(Configs.openAi(fake) + "metrics: {vertx: [http-server, http-client, net-server]}\n", null)) {
            assertEquals(200, withHttp.post("/v1/chat/completions", chat("m-ok", "measured")).statusCode());
            HttpResponse<String> r = withHttp.get("/metrics");
            PrometheusText p = PrometheusText.parse(r.body());
            assertTrue(p.families().keySet().stream().anyMatch(n -> n.startsWith("vertx_http_server_")), p.families().keySet().toString());
            assertTrue(p.families().keySet().stream().anyMatch(n -> n.startsWith("vertx_http_client_")), "upstream calls");
            assertTrue(p.families().keySet().stream().noneMatch(n -> n.startsWith("vertx_net_client_")), "net-client not asked for");
        }
    }

    @Test
    void statsPerModelAndRoute() throws Exception {
        JsonObject s = stats("");
        assertEquals("node", s.getString("scope"));
        JsonObject ok = s.getJsonObject("models").getJsonObject("m-ok");
        assertEquals(5, ok.getLong("requests"));
        assertEquals(5, ok.getLong("successes"));
        assertEquals(1.0, ok.getDouble("success_rate"));
        assertTrue(ok.getDouble("p50_latency_ms") >= 0 && ok.getDouble("p95_latency_ms") >= ok.getDouble("p50_latency_ms"), ok.encode());
        assertEquals(60, ok.getLong("input_tokens"));
        assertEquals(25, ok.getLong("output_tokens"));
        assertEquals(5 * COST, ok.getDouble("cost_usd"), 1e-12);
        assertEquals("closed", ok.getString("breaker"));
        JsonObject failing = s.getJsonObject("models").getJsonObject("m-500-alone");
        assertEquals(1, failing.getLong("requests"));
        assertEquals(0.0, failing.getDouble("success_rate"));
        JsonObject pinned = s.getJsonObject("routes").getJsonObject("pinned");
        assertEquals(1, pinned.getLong("requests"));
        assertEquals(COST, pinned.getDouble("cost_usd"), 1e-12);
        assertEquals(5, s.getJsonObject("direct").getLong("requests"));
        assertEquals(6, s.getJsonObject("total").getLong("requests"));
        assertEquals(5, s.getJsonObject("total").getLong("successes"));
    }

    @Test
    void clusterScopeOnOneNodeSumsThatNode() throws Exception {
        JsonObject s = stats("?scope=cluster");
        assertEquals("cluster", s.getString("scope"));
        assertEquals(1, s.getJsonArray("nodes").size(), s.encode());
        assertEquals(0, s.getJsonArray("unreachable").size(), s.encode());
        assertEquals(stats("").getJsonObject("total").getLong("requests"), s.getJsonObject("total").getLong("requests"));
        HttpResponse<String> bad = node.get("/v1/stats?scope=galaxy");
        assertEquals(400, bad.statusCode());
        assertEquals("scope", new JsonObject(bad.body()).getJsonObject("error").getString("param"));
    }

    @Test
    void decisionsAreNewestFirstWithLimit() throws Exception {
        HttpResponse<String> r = node.get("/v1/decisions?limit=2");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray data = new JsonObject(r.body()).getJsonArray("data");
        assertEquals(2, data.size());
        JsonObject failed = data.getJsonObject(0);
        assertEquals(requestIds.get(5), failed.getString("request_id"));
        assertEquals(502, failed.getInteger("status"));
        assertNull(failed.getValue("model"));
        assertEquals("m-500-alone", failed.getJsonArray("attempts").getJsonObject(0).getString("model"));
        JsonObject routed = data.getJsonObject(1);
        assertEquals("pinned", routed.getString("route"));
        assertEquals("fixed", routed.getString("router"));
        assertEquals("m-ok", routed.getString("model"));
        assertTrue(routed.getString("reason").startsWith("fixed"), routed.encode());
        assertEquals(2, routed.getJsonArray("attempts").size());
        assertEquals(12, routed.getInteger("input_tokens"));
        assertEquals(COST, routed.getDouble("cost_usd"), 1e-12);
        assertTrue(routed.containsKey("key_name") && routed.containsKey("labels") && routed.containsKey("latency_ms"), routed.encode());
        assertEquals(6, new JsonObject(node.get("/v1/decisions").body()).getJsonArray("data").size());
    }

    @Test
    void badLimitIsAnOpenAiError() throws Exception {
        for (String limit : List.of("0", "-1", "abc", Integer.toString(RING + 1))) {
            HttpResponse<String> r = node.get("/v1/decisions?limit=" + limit);
            assertEquals(400, r.statusCode(), limit);
            JsonObject err = new JsonObject(r.body()).getJsonObject("error");
            assertEquals("invalid_request_error", err.getString("type"));
            assertEquals("limit", err.getString("param"));
            assertTrue(err.getString("message").contains("1 to " + RING), err.getString("message"));
        }
        assertEquals(200, node.get("/v1/decisions?limit=" + RING).statusCode());
    }

    @Test
    void decisionsFileGetsOneJsonLinePerRequest() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> lines = List.of();
        while (System.currentTimeMillis() < deadline) {
            lines = Files.exists(decisionsFile) ? Files.readAllLines(decisionsFile) : List.of();
            if (lines.size() >= 6) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(6, lines.size(), lines.toString());
        List<String> ids = lines.stream().map(l -> new JsonObject(l).getString("request_id")).toList();
        assertEquals(requestIds.stream().sorted().toList(), ids.stream().sorted().toList());
        assertFalse(lines.get(0).contains("sk-test-secret"));
    }

    static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }
}
