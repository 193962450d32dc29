package dev.switchboard.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.HazelcastClusterManagerFactory;
import dev.switchboard.spi.cluster.ClusterSettings;
import dev.switchboard.tests.support.FakeOpenAi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three Switchboard JVMs clustered over Hazelcast on loopback, one fake upstream: cluster-wide stats,
 * an external Vert.x application on the event bus, and a {@code kill -9} of one node under load. The
 * nodes start once for the class; the kill runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ThreeNodeClusterTest {
    /** USD per m-a request: 12 prompt tokens at 1.0 and 5 completion tokens at 2.0 per million. */
    static final double COST = (12 * 1.0 + 5 * 2.0) / 1_000_000;

    static FakeOpenAi fake;
    static ClusterNodes cluster;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        fake = new FakeOpenAi();
        try {
            cluster = ClusterNodes.start(3, """
                    providers:
                      fake: {type: openai, base-url: "%s", api-key: sk-test}
                    models:
                      m-a: {provider: fake, upstream-model: ok, input-price: 1.0, output-price: 2.0}
                      m-bus: {provider: fake, upstream-model: ok}
                      m-c: {provider: fake, upstream-model: ok}
                      m-fail: {provider: fake, upstream-model: err500}
                      m-flaky: {provider: fake, upstream-model: flaky}
                    routes:
                      r-a: {router: fixed, options: {models: [m-a]}}
                      task:
                        router: keyword
                        options:
                          categories:
                            code: {models: [m-a]}
                            conversation: {models: [m-c]}
                          default-category: conversation
                    resilience: {max-retries: 0, request-timeout-ms: 10000, breaker: {failure-threshold: 2, reset-timeout-ms: 3000}}
                    """.formatted(fake.baseUrl()));
        } catch (Exception | Error e) {
            fake.close();
            throw e;
        }
        System.out.printf("cluster: 3 nodes up and joined in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            fake.close();
        }
    }

    static String chat(String model, String text) {
        return dev.switchboard.tests.support.Chats.chat(model, text);
    }

    static JsonObject stats(int node, String query) throws Exception {
        HttpResponse<String> r = cluster.get(node, "/v1/stats" + query);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    @Order(1)
    void requestsSpreadOverThreeNodesSumInClusterStats() throws Exception {
        // node i answers 2 + i direct calls and one via route r-a; node 1 also one failure
        int direct = 0;
        for (int node = 0; node < 3; node++) {
            for (int k = 0; k < 2 + node; k++) {
                assertEquals(200, cluster.post(node, "/v1/chat/completions", chat("m-a", "direct " + k)).statusCode());
                direct++;
            }
            assertEquals(200, cluster.post(node, "/v1/chat/completions", chat("r-a", "routed")).statusCode());
        }
        HttpResponse<String> failed = cluster.post(1, "/v1/chat/completions", chat("m-fail", "boom"));
        assertTrue(failed.statusCode() >= 500, failed.body());
        int served = direct + 3;
        for (int node = 0; node < 3; node++) {
            JsonObject s = stats(node, "?scope=cluster");
            assertEquals("cluster", s.getString("scope"));
            assertEquals(0, s.getJsonArray("unreachable").size(), s.encode());
            JsonArray nodes = s.getJsonArray("nodes");
            assertEquals(3, nodes.size(), s.encode());
            Set<Integer> ports = new TreeSet<>();
            for (int i = 0; i < 3; i++) {
                JsonObject n = nodes.getJsonObject(i);
                ports.add(n.getInteger("http_port"));
                assertNotNull(n.getString("id"));
                assertEquals("closed", n.getJsonObject("breakers").getString("m-a"), n.encode());
            }
            assertEquals(Set.of(cluster.node(0).httpPort(), cluster.node(1).httpPort(), cluster.node(2).httpPort()), ports);
            JsonObject a = s.getJsonObject("models").getJsonObject("m-a");
            assertEquals(served, a.getLong("requests"), a.encode());
            assertEquals(served, a.getLong("successes"));
            assertEquals(1.0, a.getDouble("success_rate"));
            assertEquals(12L * served, a.getLong("input_tokens"));
            assertEquals(5L * served, a.getLong("output_tokens"));
            assertEquals(COST * served, a.getDouble("cost_usd"), 1e-9);
            assertNotNull(a.getDouble("p50_latency_ms"));
            assertTrue(a.getDouble("p95_latency_ms") >= a.getDouble("p50_latency_ms"));
            assertEquals(3, s.getJsonObject("routes").getJsonObject("r-a").getLong("requests"));
            JsonObject failing = s.getJsonObject("models").getJsonObject("m-fail");
            assertEquals(1, failing.getLong("requests"));
            assertEquals(0.0, failing.getDouble("success_rate"));
            JsonObject total = s.getJsonObject("total");
            assertEquals(served + 1, total.getLong("requests"));
            assertEquals((double) Math.round(served * 10000.0 / (served + 1)) / 10000, total.getDouble("success_rate"), 1e-9);
        }
        // and the node view still answers only its own figures
        assertEquals(2 + 1, stats(0, "").getJsonObject("models").getJsonObject("m-a").getLong("requests"));
    }

    @Test
    @Order(2)
    void externalVertxAppUsesTheEventBusAcrossNodes() throws Exception {
        Vertx app = joinAsExternalApp();
        try {
            int calls = 30;
            List<Future<Message<Object>>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(app.eventBus().request("switchboard.chat", new JsonObject(chat("m-bus", "bus " + i))));
            }
            Future.all(replies).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < calls; i++) {
                Message<Object> reply = replies.get(i).result();
                assertEquals("echo: bus " + i, ((JsonObject) reply.body()).getJsonArray("choices").getJsonObject(0)
                        .getJsonObject("message").getString("content"));
                assertEquals("m-bus", reply.headers().get("x-switchboard-model"));
            }
            assertEquals("echo: streamed over the cluster", stream(app, "streamed over the cluster"));

            Message<Object> route = app.eventBus().request("switchboard.route", new JsonObject(chat("r-a", "explain")))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals("r-a", ((JsonObject) route.body()).getString("route"));
            assertEquals("m-a", ((JsonObject) route.body()).getString("model"));

            List<Long> perNode = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                perNode.add(stats(node, "").getJsonObject("models").getJsonObject("m-bus").getLong("requests"));
            }
            System.out.println("cluster: event-bus requests served per node " + perNode);
            assertEquals(calls + 1, perNode.stream().mapToLong(Long::longValue).sum());
            assertTrue(perNode.stream().allMatch(n -> n > 0), "every node served some event-bus requests: " + perNode);
            assertEquals(calls + 1, stats(2, "?scope=cluster").getJsonObject("models").getJsonObject("m-bus").getLong("requests"));
        } finally {
            app.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    /** This JVM joins the cluster as a plain clustered Vert.x, with the settings the nodes use. */
    private static Vertx joinAsExternalApp() throws Exception {
        ClusterSettings settings = new ClusterSettings(cluster.clusterName(), "127.0.0.1", ClusterNodes.freePort(), cluster.members());
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1").setPort(0);
        return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManagerFactory().create(settings))
                .buildClustered().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The streaming scheme: ack, chunks in order to our address, then one end message. */
    private static String stream(Vertx app, String text) throws Exception {
        String address = "test-app.stream." + UUID.randomUUID();
        List<Message<Object>> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Message<Object>> ended = new CompletableFuture<>();
        app.eventBus().consumer(address, m -> {
            got.add(m);
            if ("chunk".equals(m.headers().get("type"))) {
                m.reply(null); // the acknowledgement that grants the router credit for another chunk
            } else {
                ended.complete(m);
            }
        }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Message<Object> ack = app.eventBus().request("switchboard.chat", new JsonObject(chat("m-bus", text)).put("stream", true),
                new DeliveryOptions().addHeader("stream-address", address)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("started", ((JsonObject) ack.body()).getString("stream"));
        assertEquals("m-bus", ack.headers().get("x-switchboard-model"));
        Message<Object> end = ended.get(10, TimeUnit.SECONDS);
        assertEquals("end", end.headers().get("type"), String.valueOf(end.body()));
        assertEquals(17, ((JsonObject) end.body()).getJsonObject("usage").getInteger("total_tokens"));
        StringBuilder out = new StringBuilder();
        for (Message<Object> m : got) {
            if ("chunk".equals(m.headers().get("type"))) {
                JsonArray choices = ((JsonObject) m.body()).getJsonArray("choices");
                if (!choices.isEmpty()) {
                    out.append(choices.getJsonObject(0).getJsonObject("delta").getString("content", ""));
                }
            }
        }
        return out.toString();
    }

    @Test
    @Order(3)
    void aBreakerOpenOnOneNodeIsOpenOnAllThenOneTrialClosesItEverywhere() throws Exception {
        fake.behave("flaky", "err500");
        for (int i = 0; i < 2; i++) {
            assertEquals(502, cluster.post(0, "/v1/chat/completions", chat("m-flaky", "fail " + i)).statusCode());
        }
        long opened = System.nanoTime();
        long[] seenMs = new long[3];
        for (int node = 1; node <= 2; node++) {
            long deadline = System.currentTimeMillis() + 5_000;
            while (!"open".equals(breakerState(node, "m-flaky")) && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            seenMs[node] = (System.nanoTime() - opened) / 1_000_000;
            assertEquals("open", breakerState(node, "m-flaky"), "node " + node + " sees the breaker opened on node 0");
        }
        System.out.printf("breaker propagation: node 1 after %d ms, node 2 after %d ms%n", seenMs[1], seenMs[2]);
        assertTrue(Math.max(seenMs[1], seenMs[2]) < 1_000, "open on every node quickly: " + seenMs[1] + "/" + seenMs[2] + " ms");
        long callsWhileOpen = fake.calls("flaky");
        HttpResponse<String> skipped = cluster.post(2, "/v1/chat/completions", chat("m-flaky", "skip me"));
        assertEquals(503, skipped.statusCode(), skipped.body());
        assertTrue(skipped.headers().firstValue("retry-after").isPresent());
        assertEquals(callsWhileOpen, fake.calls("flaky"), "an open model gets no calls on any node");

        // after the reset timeout exactly one node wins the trial; a slow trial keeps the others waiting on its result
        fake.behave("flaky", "slow");
        long deadline = System.currentTimeMillis() + 15_000;
        int winner = -1;
        while (winner < 0 && System.currentTimeMillis() < deadline) {
            for (int node = 0; node < 3; node++) {
                if ("half_open".equals(breakerState(node, "m-flaky"))) {
                    winner = node;
                }
            }
        }
        assertTrue(winner >= 0, "one node took the trial lease");
        java.util.List<java.util.concurrent.CompletableFuture<Integer>> answers = new java.util.ArrayList<>();
        for (int node = 0; node < 3; node++) {
            int n = node;
            answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return cluster.post(n, "/v1/chat/completions", chat("m-flaky", "trial from " + n)).statusCode();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var a : answers) {
            statuses.add(a.get(20, TimeUnit.SECONDS));
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one trial request in the cluster: " + statuses);
        assertEquals(200, statuses.get(winner), "the lease holder sent it");
        assertEquals(callsWhileOpen + 1, fake.calls("flaky"), "one upstream call for the whole cluster");
        for (int node = 0; node < 3; node++) {
            long until = System.currentTimeMillis() + 5_000;
            while (!"closed".equals(breakerState(node, "m-flaky")) && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            assertEquals("closed", breakerState(node, "m-flaky"), "the trial's success closed it on node " + node);
        }
        fake.behave("flaky", "ok");
        assertEquals(200, cluster.post(1, "/v1/chat/completions", chat("m-flaky", "closed again")).statusCode());
    }

    @Test
    @Order(4)
    void anAdminChangeOnOneNodeTakesEffectOnAnother() throws Exception {
        String legal = chat("task", "please review this contract and the lawsuit exposure");
        assertEquals("m-c", cluster.post(2, "/v1/chat/completions", legal).headers().firstValue("x-switchboard-model").orElseThrow());
        HttpResponse<String> change = cluster.post(0, "/config/category",
                "{\"route\": \"task\", \"name\": \"legal\", \"keywords\": [\"contract\", \"lawsuit\"], \"models\": [\"m-bus\"]}");
        assertEquals(200, change.statusCode(), change.body());
        long deadline = System.currentTimeMillis() + 5_000;
        String model = "";
        while (!"m-bus".equals(model) && System.currentTimeMillis() < deadline) {
            model = cluster.post(2, "/v1/chat/completions", legal).headers().firstValue("x-switchboard-model").orElseThrow();
        }
        assertEquals("m-bus", model, "node 2 routes with the category added on node 0");
    }

    @Test
    @Order(5)
    void aResetOnAnyNodeClosesTheBreakerOnAll() throws Exception {
        fake.behave("flaky", "err500");
        for (int i = 0; i < 2; i++) {
            assertEquals(502, cluster.post(1, "/v1/chat/completions", chat("m-flaky", "fail again " + i)).statusCode());
        }
        for (int node = 0; node < 3; node++) {
            long until = System.currentTimeMillis() + 5_000;
            while (!"open".equals(breakerState(node, "m-flaky")) && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            assertEquals("open", breakerState(node, "m-flaky"), "open on node " + node);
        }
        fake.behave("flaky", "ok");
        assertEquals(200, cluster.post(2, "/circuit-breaker/reset/m-flaky", "").statusCode());
        for (int node = 0; node < 3; node++) {
            long until = System.currentTimeMillis() + 5_000;
            while (!"closed".equals(breakerState(node, "m-flaky")) && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            assertEquals("closed", breakerState(node, "m-flaky"), "the reset on node 2 closed it on node " + node);
        }
        assertEquals(200, cluster.post(0, "/v1/chat/completions", chat("m-flaky", "served again")).statusCode());
    }

    private static String breakerState(int node, String model) throws Exception {
        HttpResponse<String> r = cluster.get(node, "/circuit-breakers");
        for (Object o : new JsonObject(r.body()).getJsonArray("breakers")) {
            if (model.equals(((JsonObject) o).getString("model"))) {
                return ((JsonObject) o).getString("state");
            }
        }
        return "absent";
    }

    @Test
    @Order(9)
    void killingOneNodeLeavesTheOthersAnsweringAndTheClusterHeals() throws Exception {
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread client = new Thread(() -> {
            for (int i = 0; sending.get(); i++) {
                try {
                    HttpResponse<String> r = cluster.post(i % 2, "/v1/chat/completions", chat("m-c", "survive " + i));
                    if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failures.add("node " + i % 2 + ": " + r.statusCode() + " " + r.body());
                    }
                } catch (Exception e) {
                    failures.add("node " + i % 2 + ": " + e);
                }
            }
        }, "survivor-client");
        client.start();
        try {
            awaitCount(ok, 20, 10_000);
            long killedAt = System.nanoTime();
            cluster.kill(2);
            int beforeHeal = ok.get();
            cluster.awaitLiveNodes(0, 2, 30_000);
            long healMs = (System.nanoTime() - killedAt) / 1_000_000;
            cluster.awaitLiveNodes(1, 2, 5_000);
            awaitCount(ok, ok.get() + 20, 10_000);
            System.out.printf("cluster: heal time after kill -9 of one node: %d ms (until scope=cluster lists 2 live nodes); "
                    + "%d requests answered by the survivors meanwhile%n", healMs, ok.get() - beforeHeal);
        } finally {
            sending.set(false);
            client.join(15_000);
        }
        assertEquals(List.of(), failures, "the survivors answered every request");
        JsonObject s = stats(1, "?scope=cluster");
        assertEquals(2, s.getJsonArray("nodes").size(), s.encode());
        assertEquals(ok.get(), s.getJsonObject("models").getJsonObject("m-c").getLong("requests"), "the survivors' counters");
    }

    private static void awaitCount(AtomicInteger count, int atLeast, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (count.get() < atLeast) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("only " + count.get() + " of " + atLeast + " requests answered within " + timeoutMs + " ms\n"
                        + cluster.logs());
            }
            Thread.sleep(20);
        }
    }
}
