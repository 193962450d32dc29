package dev.switchboard.tests.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.tests.support.Chats;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/feedback} and the {@code switchboard.feedback} bus address on a node with a weighted
 * (A/B) route over a fake upstream: ratings land in {@code /v1/stats}'s feedback table per arm and in
 * {@code /metrics}; every bad input gets its status, code and the field at fault.
 */
class FeedbackTest {
    static final String ALICE = "sb-alice-key-1";
    static final String BOB = "sb-bob-key-2";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static FakeOpenAi fake;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(config(fake, 600_000), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static String config(FakeOpenAi fake, long ttlMs) {
        return """
                server: {host: 127.0.0.1, port: 0, instances: 1}
                providers: {fake: {type: openai, base-url: "%s"}}
                models:
                  cheap: {provider: fake, upstream-model: up-cheap, input-price: 0.1, output-price: 0.4}
                  mid: {provider: fake, upstream-model: up-mid, input-price: 1.0, output-price: 4.0}
                routes:
                  ab: {router: weighted, options: {targets: {cheap: 1, mid: 1}, sticky-by: user}}
                  split: {router: weighted, options: {targets: {cheap: 1, mid: 1}, sticky-by: user}}
                auth:
                  keys:
                    - {name: alice, key-sha256: %s}
                    - {name: bob, key-sha256: %s}
                feedback: {ttl-ms: %d, max-comment-chars: 20}
                """.formatted(fake.baseUrl(), KeyAuthenticator.sha256(ALICE), KeyAuthenticator.sha256(BOB), ttlMs);
    }

    static HttpResponse<String> post(Node on, String key, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(on.url(path))).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks the A/B route as {@code user}; answers {request id, model that served}. */
    static String[] ask(Node on, String user) throws Exception {
        return ask(on, "ab", user);
    }

    /** Asks {@code route} as {@code user}; answers {request id, model that served}. */
    static String[] ask(Node on, String route, String user) throws Exception {
        JsonObject chat = new JsonObject(Chats.chat(route, "hello")).put("user", user);
        HttpResponse<String> r = post(on, ALICE, "/v1/chat/completions", chat.encode());
        assertEquals(200, r.statusCode(), r.body());
        return new String[] {r.headers().firstValue("x-request-id").orElseThrow(), r.headers().firstValue("x-switchboard-model").orElseThrow()};
    }

    static HttpResponse<String> rate(String key, JsonObject body) throws Exception {
        return post(node, key, "/v1/feedback", body.encode());
    }

    static JsonObject error(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonObject("error");
    }

    static JsonObject row(JsonObject stats, String arm) {
        return row(stats, "split", arm);
    }

    static JsonObject row(JsonObject stats, String route, String arm) {
        JsonArray rows = stats.getJsonObject("feedback").getJsonArray("rows");
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.getJsonObject(i);
            if (route.equals(row.getString("route")) && arm.equals(row.getString("arm"))) {
                return row;
            }
        }
        throw new AssertionError("no feedback row for route " + route + ", arm " + arm + " in " + rows.encodePrettily());
    }

    @Test
    void ratingsOfAnAbSplitReadInOneTableAndInPrometheus() throws Exception {
        Map<String, double[]> expected = new HashMap<>(); // arm -> {requests, ratings, score sum, ups, downs}
        for (int i = 0; i < 16; i++) {
            String[] served = ask(node, "split", "ab-user-" + i);   // a route of its own: the other tests rate on ab
            double[] e = expected.computeIfAbsent(served[1], k -> new double[5]);
            e[0]++;
            JsonObject body = new JsonObject().put("request_id", served[0]);
            if (i % 3 == 0) {
                body.put("thumbs", i % 2 == 0 ? "up" : "down");
                e[3 + (i % 2)]++;
                e[2] += i % 2 == 0 ? 1 : 0;
            } else {
                body.put("score", i / 16.0).put("label", "tone").put("comment", "ok");
                e[2] += i / 16.0;
            }
            e[1]++;
            HttpResponse<String> r = rate(ALICE, body);
            assertEquals(200, r.statusCode(), r.body());
            JsonObject accepted = new JsonObject(r.body());
            assertEquals("feedback", accepted.getString("object"));
            assertEquals(served[1], accepted.getString("model"));
            assertEquals(served[1], accepted.getString("arm"), "the weighted router's target is the arm");
            assertEquals("split", accepted.getString("route"));
        }
        assertEquals(2, expected.size(), "16 users over two equal weights reach both arms");
        JsonObject stats = new JsonObject(node.get("/v1/stats").body());
        JsonObject cluster = new JsonObject(node.get("/v1/stats?scope=cluster").body());
        String metrics = node.get("/metrics").body();
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            double[] want = e.getValue();
            for (JsonObject s : new JsonObject[] {stats, cluster}) {
                JsonObject row = row(s, e.getKey());
                assertEquals(e.getKey(), row.getString("model"));
                assertEquals((long) want[0], row.getLong("requests"), row.encode());
                assertEquals((long) want[1], row.getLong("ratings"), row.encode());
                assertEquals(Math.round(want[2] / want[1] * 10_000) / 10_000.0, row.getDouble("mean_score"), 1e-9, row.encode());
                assertEquals((long) want[3], row.getLong("thumbs_up"));
                assertEquals((long) want[4], row.getLong("thumbs_down"));
                assertTrue(row.getDouble("cost_usd") > 0, row.encode());
                assertNotNull(row.getDouble("mean_latency_ms"));
            }
            String labels = "arm=\"" + e.getKey() + "\",category=\"none\",model=\"" + e.getKey() + "\",";
            assertEquals(want[1], sample(metrics, "switchboard_feedback_score_count{" + labels + "route=\"split\"}"), metrics);
            assertEquals(want[2], sample(metrics, "switchboard_feedback_score_sum{" + labels + "route=\"split\"}"), 1e-9);
            assertEquals(want[3], sample(metrics, "switchboard_feedback_total{" + labels + "rating=\"up\",route=\"split\"}"), 0);
            assertEquals(want[1] - want[3] - want[4], sample(metrics, "switchboard_feedback_total{" + labels + "rating=\"score\",route=\"split\"}"), 0);
        }
    }

    static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0; // a counter never incremented has no series
    }

    @Test
    void badInputNamesTheField() throws Exception {
        String id = ask(node, "bad-input")[0];
        Object[][] cases = {
                {new JsonObject().put("score", 0.5), "request_id"},
                {new JsonObject().put("request_id", 42).put("score", 0.5), "request_id"},
                {new JsonObject().put("request_id", id), "score"},
                {new JsonObject().put("request_id", id).put("score", 0.5).put("thumbs", "up"), "score"},
                {new JsonObject().put("request_id", id).put("score", 1.5), "score"},
                {new JsonObject().put("request_id", id).put("score", -0.1), "score"},
                {new JsonObject().put("request_id", id).put("score", "high"), "score"},
                {new JsonObject().put("request_id", id).put("thumbs", "sideways"), "thumbs"},
                {new JsonObject().put("request_id", id).put("thumbs", true), "thumbs"},
                {new JsonObject().put("request_id", id).put("score", 1).put("comment", "x".repeat(21)), "comment"},
                {new JsonObject().put("request_id", id).put("score", 1).put("label", 7), "label"},
                {new JsonObject().put("request_id", id).put("score", 1).put("stars", 5), "stars"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = rate(ALICE, (JsonObject) c[0]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertEquals(c[1], error(r).getString("param"), r.body());
            assertEquals("invalid_request_error", error(r).getString("type"));
        }
        HttpResponse<String> notJson = post(node, ALICE, "/v1/feedback", "[1]");
        assertEquals(400, notJson.statusCode(), notJson.body());
        assertEquals(200, rate(ALICE, new JsonObject().put("request_id", id).put("score", 1)).statusCode(), "none of the above rated it");
    }

    @Test
    void unknownDuplicateAndForeignRequestsAreRefused() throws Exception {
        HttpResponse<String> unknown = rate(ALICE, new JsonObject().put("request_id", "req-0000000000000000").put("score", 1));
        assertEquals(404, unknown.statusCode());
        assertEquals("request_not_found", error(unknown).getString("code"));
        assertTrue(error(unknown).getString("message").contains("never seen"), unknown.body());

        String id = ask(node, "dup")[0];
        HttpResponse<String> foreign = rate(BOB, new JsonObject().put("request_id", id).put("thumbs", "up"));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals("feedback_forbidden", error(foreign).getString("code"));
        assertEquals(401, rate(null, new JsonObject().put("request_id", id).put("thumbs", "up")).statusCode(), "a key is required");
        assertEquals(200, rate(ALICE, new JsonObject().put("request_id", id).put("thumbs", "up")).statusCode());
        HttpResponse<String> again = rate(ALICE, new JsonObject().put("request_id", id).put("thumbs", "down"));
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("feedback_exists", error(again).getString("code"));
    }

    @Test
    void theBusAddressTakesRatingsAndAnswersErrorsAsHttpDoes() throws Exception {
        var bus = node.switchboard().vertx().eventBus();
        DeliveryOptions asAlice = new DeliveryOptions().addHeader("authorization", "Bearer " + ALICE);
        // a chat over the bus: its reply carries the request id to rate
        String id = bus.request("switchboard.chat", new JsonObject(Chats.chat("ab", "over the bus")), asAlice).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS).headers().get("x-request-id");
        assertNotNull(id, "a bus chat reply names its request id");
        JsonObject reply = (JsonObject) bus.request("switchboard.feedback", new JsonObject().put("request_id", id).put("score", 0.25), asAlice)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        assertEquals(id, reply.getString("request_id"));
        assertEquals(0.25, reply.getDouble("score"));
        ReplyException dup = failure(bus.request("switchboard.feedback", new JsonObject().put("request_id", id).put("score", 1), asAlice));
        assertEquals(409, dup.failureCode());
        assertEquals("feedback_exists", new JsonObject(dup.getMessage()).getJsonObject("error").getString("code"));
        ReplyException bad = failure(bus.request("switchboard.feedback", new JsonObject().put("request_id", id).put("score", 2), asAlice));
        assertEquals(400, bad.failureCode());
        ReplyException anonymous = failure(bus.request("switchboard.feedback", new JsonObject().put("request_id", id).put("score", 1)));
        assertEquals(401, anonymous.failureCode());
    }

    static ReplyException failure(io.vertx.core.Future<?> f) throws Exception {
        Throwable t = f.toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(10, TimeUnit.SECONDS);
        while (t != null && !(t instanceof ReplyException)) {
            t = t.getCause();
        }
        assertNotNull(t, "the bus request failed with a ReplyException");
        return (ReplyException) t;
    }

    @Test
    void lateFeedbackIsRefusedAsExpired() throws Exception {
        FakeOpenAi upstream = new FakeOpenAi();
        try (Node shortLived = Node.start(config(upstream, 1_000), null)) {
            String id = ask(shortLived, "late")[0];
            long deadline = System.currentTimeMillis() + 10_000;
            HttpResponse<String> r;
            do {   // poll until the 1 s feedback window has passed: in time, another key's rating is refused (403) and rates nothing
                r = post(shortLived, BOB, "/v1/feedback", new JsonObject().put("request_id", id).put("score", 1).encode());
            } while (r.statusCode() == 403 && System.currentTimeMillis() < deadline);
            assertEquals(404, r.statusCode(), r.body());
            assertEquals("feedback_expired", error(r).getString("code"));
            assertTrue(error(r).getString("message").contains("feedback.ttl-ms"), r.body());
        } finally {
            upstream.close();
        }
    }
}
