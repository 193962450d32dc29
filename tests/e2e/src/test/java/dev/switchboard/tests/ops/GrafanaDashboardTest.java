package dev.switchboard.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.tests.support.Chats;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in {@code deploy/grafana/switchboard.json} against a real router's
 * {@code /metrics}: after traffic with a fallback, a breaker-open skip, a capability skip, a
 * budget move, client keys and a keyword route, every metric that any query of the dashboard
 * names is in the scrape, and the new metrics carry what their panels chart.
 */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of(System.getProperty("switchboard.test.deploy", "../../deploy"), "grafana", "switchboard.json");
    static final String TEAM = "sb-team-key-0123456789";
    static final String THRIFTY = "sb-thrifty-key-0123456789";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static FakeOpenAi fake;
    static Node node;
    static HttpResponse<String> breakerSkipped;
    static PrometheusText scrape;
    static String scrapeText;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start("""
                server: {host: 127.0.0.1, port: 0}
                providers: {fake: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}}
                models:
                  m-ok: {provider: fake, upstream-model: ok, context-window: 128000, max-output-tokens: 4096,
                         capabilities: [vision, tools, json], input-price: 1.0, output-price: 2.0}
                  m-text: {provider: fake, upstream-model: ok, context-window: 128000, input-price: 0.5, output-price: 1.0}
                  m-500: {provider: fake, upstream-model: err500, fallbacks: [m-ok]}
                  m-pricey: {provider: fake, upstream-model: ok, input-price: 50.0, output-price: 100.0}
                  m-empty: {provider: fake, upstream-model: empty, input-price: 0.5, output-price: 1.0}
                routes:
                  task: {router: keyword, options: {categories: {code: {models: [m-ok]}, conversation: {models: [m-text]}}}}
                  needs-tools: {router: fixed, options: {models: [m-text, m-ok]}}
                  pair: {router: fixed, options: {models: [m-pricey, m-ok]}}
                  esc: {router: fixed, options: {models: [m-empty, m-ok]}, escalation: {on: [empty]}}
                auth:
                  keys:
                    - {name: team, key-sha256: %s}
                    - {name: thrifty, key-sha256: %s, budget-usd: 100, prefer-cheaper-at: 0.0}
                resilience: {max-retries: 1, retry-base-delay-ms: 10, request-timeout-ms: 10000, breaker: {failure-threshold: 2, reset-timeout-ms: 600000}}
                """.formatted(fake.baseUrl(), KeyAuthenticator.sha256(TEAM), KeyAuthenticator.sha256(THRIFTY)), null);
        assertEquals(200, chat(TEAM, Chats.chat("m-500", "two 500s (a retry), which open m-500's breaker, then a fallback")).statusCode());
        breakerSkipped = chat(TEAM, Chats.chat("m-500", "m-500's breaker is open: skipped"));
        assertEquals(200, breakerSkipped.statusCode(), breakerSkipped.body());
        assertEquals(200, chat(TEAM, new JsonObject(Chats.chat("m-ok", "a stream")).put("stream", true).encode()).statusCode());
        assertEquals(200, chat(TEAM, Chats.chat("task", "please debug this python function")).statusCode());
        assertEquals(200, chat(TEAM, withTools(Chats.chat("needs-tools", "what is the weather"))).statusCode());
        assertEquals(200, chat(THRIFTY, Chats.chat("pair", "cheapest first")).statusCode());
        assertEquals(200, chat(TEAM, Chats.chat("esc", "an empty answer, asked again of m-ok")).statusCode());
        // a stream's record may land just after its last byte
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            scrapeText = node.get("/metrics").body();
            scrape = PrometheusText.parse(scrapeText);
        } while (scrape.sum("switchboard_key_requests_total", Map.of()) < 7 && System.currentTimeMillis() < deadline && pause());
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static HttpResponse<String> chat(String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions"))).header("content-type", "application/json")
                .header("authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String withTools(String body) {
        return new JsonObject(body).put("tools", new JsonArray().add(new JsonObject().put("type", "function")
                .put("function", new JsonObject().put("name", "weather").put("parameters", new JsonObject().put("type", "object")))))
                .encode();
    }

    @Test
    void everyMetricOfEveryDashboardQueryIsInTheScrape() throws Exception {
        Set<String> scraped = scrape.families().values().stream().flatMap(f -> f.samples().stream()).map(PrometheusText.Sample::name)
                .collect(Collectors.toSet());
        List<String> queries = queries(new JsonObject(Files.readString(DASHBOARD)));
        assertTrue(queries.size() >= 20, "queries found: " + queries);
        Set<String> used = new TreeSet<>();
        for (String q : queries) {
            Set<String> names = metricNames(q);
            assertFalse(names.isEmpty(), "no metric in query " + q);
            for (String name : names) {
                assertTrue(scraped.contains(name), "dashboard query names " + name + ", which the scrape does not have: " + q);
            }
            used.addAll(names);
        }
        for (String chart : List.of("switchboard_requests_total", "switchboard_request_duration_seconds_bucket", "switchboard_tokens_total",
                "switchboard_cost_usd_total", "switchboard_fallbacks_total", "switchboard_breaker_state", "switchboard_key_cost_usd_total",
                "switchboard_routing_decisions_total", "switchboard_escalations_total")) {
            assertTrue(used.contains(chart), "the dashboard has a panel on " + chart + ": " + used);
        }
    }

    @Test
    void theDashboardTakesItsDataSourceFromAVariable() throws Exception {
        JsonObject dash = new JsonObject(Files.readString(DASHBOARD));
        JsonObject ds = dash.getJsonObject("templating").getJsonArray("list").stream().map(JsonObject.class::cast)
                .filter(v -> "datasource".equals(v.getString("type"))).findFirst().orElseThrow();
        assertEquals("prometheus", ds.getString("query"));
        String uid = "${" + ds.getString("name") + "}";
        for (Object p : dash.getJsonArray("panels")) {
            JsonObject panel = (JsonObject) p;
            if (!"row".equals(panel.getString("type"))) {
                assertEquals(uid, panel.getJsonObject("datasource").getString("uid"), panel.getString("title"));
            }
        }
    }

    @Test
    void fallbacksAreCountedOnTheModelGivenUpOnWithTheReason() {
        assertEquals(1, scrape.sum("switchboard_fallbacks_total", Map.of("model", "m-500", "to", "m-ok", "reason", "upstream_5xx")));
        assertEquals(1, scrape.sum("switchboard_fallbacks_total", Map.of("model", "m-500", "to", "m-ok", "reason", "breaker_open")));
        assertEquals(1, scrape.sum("switchboard_fallbacks_total", Map.of("route", "needs-tools", "model", "m-text", "reason", "capability")));
        assertEquals(1, scrape.sum("switchboard_fallbacks_total", Map.of("route", "pair", "model", "m-pricey", "to", "m-ok", "reason", "budget")));
        assertEquals(0, scrape.sum("switchboard_fallbacks_total", Map.of("model", "m-ok")), "m-ok served every time");
        assertEquals(1, scrape.sum("switchboard_fallbacks_total", Map.of("route", "esc", "model", "m-empty", "to", "m-ok", "reason", "poor")));
        assertEquals(5, scrape.sum("switchboard_fallbacks_total", Map.of()));
        assertEquals(1, scrape.sum("switchboard_escalations_total", Map.of("route", "esc", "model", "m-empty", "signal", "empty")));
        assertTrue(scrape.family("switchboard_fallbacks_total").help().startsWith("Models given up on, counted on the model given up on"));
        assertEquals(2, scrape.sum("switchboard_breaker_state", Map.of("model", "m-500")), "open");
        assertEquals(1, scrape.sum("switchboard_retries_total", Map.of("model", "m-500")), "m-500 was retried once before the fallback");
    }

    @Test
    void aBreakerOpenSkipIsAnAttemptInTheHeaderAndTheDecisionLog() throws Exception {
        assertEquals("m-500:breaker_open,m-ok:ok", breakerSkipped.headers().firstValue("x-switchboard-attempts").orElseThrow());
        String id = breakerSkipped.headers().firstValue("x-request-id").orElseThrow();
        JsonObject decision = new JsonObject(node.get("/v1/decisions").body()).getJsonArray("data").stream().map(JsonObject.class::cast)
                .filter(d -> id.equals(d.getString("request_id"))).findFirst().orElseThrow();
        JsonArray attempts = decision.getJsonArray("attempts");
        assertEquals(new JsonObject().put("model", "m-500").put("outcome", "breaker_open").putNull("status").put("ms", 0),
                attempts.getJsonObject(0));
        assertEquals("m-ok", attempts.getJsonObject(1).getString("model"));
        assertEquals(1, scrape.sum("switchboard_upstream_attempts_total", Map.of("model", "m-500", "outcome", "breaker_open")));
    }

    @Test
    void perKeyCountersCarryTheKeyNameNeverTheKey() {
        assertEquals(6, scrape.sum("switchboard_key_requests_total", Map.of("key", "team", "outcome", "ok")));
        assertEquals(1, scrape.sum("switchboard_key_requests_total", Map.of("key", "thrifty", "outcome", "ok")));
        assertTrue(scrape.sum("switchboard_key_tokens_total", Map.of("key", "team", "type", "input")) > 0);
        assertTrue(scrape.sum("switchboard_key_cost_usd_total", Map.of("key", "thrifty")) > 0);
        assertFalse(scrapeText.contains(TEAM) || scrapeText.contains(THRIFTY) || scrapeText.contains(KeyAuthenticator.sha256(TEAM)));
    }

    @Test
    void routingDecisionsAreCountedByRouteAndCategory() {
        assertEquals(1, scrape.sum("switchboard_routing_decisions_total", Map.of("route", "task", "router", "keyword", "category", "code",
                "tier", "none")));
        assertEquals(4, scrape.sum("switchboard_routing_decisions_total", Map.of()), "task, needs-tools, pair, esc; direct calls are no decisions");
    }

    @Test
    void theQueryReaderFindsMetricsNotFunctionsLabelsOrVariables() {
        assertEquals(Set.of("switchboard_request_duration_seconds_bucket"), metricNames("histogram_quantile(0.95, sum by (le, model) "
                + "(rate(switchboard_request_duration_seconds_bucket{instance=~\"$instance\", outcome=\"ok\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b"), metricNames("sum(rate(a_total{x=\"y z\"}[5m])) / on (instance) group_left max(b) or vector(0)"));
        assertEquals(Set.of("switchboard_requests_total"), metricNames("label_values(switchboard_requests_total, route)"));
    }

    /** Every query of the dashboard: each panel target's {@code expr} (rows' panels too) and each query variable. */
    static List<String> queries(JsonObject dash) {
        List<String> out = new java.util.ArrayList<>();
        collectPanels(dash.getJsonArray("panels"), out);
        for (Object v : dash.getJsonObject("templating").getJsonArray("list")) {
            Object q = ((JsonObject) v).getValue("query");
            if ("query".equals(((JsonObject) v).getString("type"))) {
                out.add(q instanceof JsonObject ? ((JsonObject) q).getString("query") : (String) q);
            }
        }
        return out;
    }

    private static void collectPanels(JsonArray panels, List<String> out) {
        for (Object p : panels == null ? new JsonArray() : panels) {
            JsonObject panel = (JsonObject) p;
            for (Object t : panel.getJsonArray("targets", new JsonArray())) {
                out.add(((JsonObject) t).getString("expr"));
            }
            collectPanels(panel.getJsonArray("panels"), out);
        }
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
            "unless", "offset", "inf", "nan");

    /**
     * The metric names in a PromQL query: identifiers left once strings, label matchers, range
     * selectors, Grafana variables and grouping lists are taken out, that are not functions
     * (followed by a parenthesis) or keywords.
     */
    static Set<String> metricNames(String query) {
        Matcher lv = LABEL_VALUES.matcher(query);
        if (lv.find()) {
            return Set.of(lv.group(1));
        }
        String q = query.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\w+", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(q);
        while (m.find()) {
            String name = m.group();
            boolean call = q.substring(m.end()).stripLeading().startsWith("(");
            if (!call && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
