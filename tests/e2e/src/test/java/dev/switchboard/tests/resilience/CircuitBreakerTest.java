package dev.switchboard.tests.resilience;

import static dev.switchboard.tests.resilience.Chats.chat;
import static dev.switchboard.tests.resilience.Chats.error;
import static dev.switchboard.tests.resilience.Chats.header;
import static dev.switchboard.tests.resilience.Chats.model;
import static dev.switchboard.tests.resilience.Chats.poll;
import static dev.switchboard.tests.resilience.Chats.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.tests.resilience.Chats.Sse;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-model circuit breakers ({@code resilience.breaker}): opening after consecutive transient
 * failures, skipping open models, half-open trials, Retry-After opening, the all-open 503, the
 * admin endpoints and the {@code switchboard.breaker} events. Each test has its own models
 * (prefix), route {@code prefix} = [prefix-a, prefix-b], so breaker state never leaks.
 */
class CircuitBreakerTest {
    static final int THRESHOLD = 2;
    static final long RESET_MS = 1000;
    static final List<String> PREFIXES = List.of("o", "n", "n2", "h", "c", "f", "r", "x", "z", "y", "s", "l");

    static FaultyUpstream up;
    static Node node;
    static final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        StringBuilder models = new StringBuilder(model("w"));
        StringBuilder routes = new StringBuilder();
        for (String p : PREFIXES) {
            models.append(model(p + "-a")).append(model(p + "-b"));
            routes.append(route(p, p + "-a", p + "-b"));
        }
        String resilience = "{max-retries: 0, max-retry-wait-ms: 100, request-timeout-ms: 3000, first-token-timeout-ms: 1000,"
                + " breaker: {failure-threshold: %d, reset-timeout-ms: %d}}".formatted(THRESHOLD, RESET_MS);
        node = Node.start(Chats.config(up, 1000, resilience, models.toString(), routes.toString()), null);
        node.switchboard().vertx().eventBus().<Object>consumer("switchboard.breaker", m -> {
            if (m.body() instanceof JsonObject) {
                events.add((JsonObject) m.body());
            } else {
                events.add(new JsonObject().put("unexpected_body", String.valueOf(m.body())));
            }
        }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        Chats.warmUp(node, "w");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        up.close();
    }

    /** The {@code GET /circuit-breakers} entry of {@code model}, or null when it is not listed. */
    static JsonObject breaker(String model) throws Exception {
        HttpResponse<String> r = node.get("/circuit-breakers");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray list = new JsonObject(r.body()).getJsonArray("breakers");
        assertNotNull(list, "a 'breakers' array: " + r.body());
        for (Object o : list) {
            JsonObject b = (JsonObject) o;
            if (model.equals(b.getString("model"))) {
                return b;
            }
        }
        return null;
    }

    /** The state of {@code model}'s breaker; a model not listed counts as closed. */
    static String state(String model) throws Exception {
        JsonObject b = breaker(model);
        return b == null ? "closed" : b.getString("state");
    }

    /** Sends requests to route {@code prefix} until {@code prefix-a}'s breaker is open. */
    static long open(String prefix, Fault fault) throws Exception {
        up.script(prefix + "-a", fault);
        for (int i = 0; i < THRESHOLD; i++) {
            HttpResponse<String> r = chat(node, prefix, false);
            assertEquals(200, r.statusCode(), "served by " + prefix + "-b: " + r.body());
        }
        long opened = System.currentTimeMillis();
        assertEquals(THRESHOLD, up.calls(prefix + "-a"));
        assertTrue(poll(500, () -> "open".equals(stateQuietly(prefix + "-a"))), "open after " + THRESHOLD + " failures: "
                + breaker(prefix + "-a"));
        return opened;
    }

    static String stateQuietly(String model) {
        return Chats.breakerState(node, model);
    }

    /** The (from, to) transitions published for {@code model}, e.g. ["closed>open", "open>half_open"]. */
    static List<String> transitions(String model) {
        return events.stream().filter(e -> model.equals(e.getString("model")))
                .map(e -> e.getString("from") + ">" + e.getString("to")).toList();
    }

    @Test
    void opensAfterConsecutiveTransientFailuresAndIsSkipped() throws Exception {
        long before = System.currentTimeMillis();
        open("o", Fault.serverError());
        HttpResponse<String> r = chat(node, "o", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("o-b", header(r, "x-switchboard-model"));
        HttpResponse<String> s = chat(node, "o", true);
        Sse.parse(s.body()).assertClean("o-b");
        assertEquals(THRESHOLD, up.calls("o-a"), "an open model gets no calls");

        JsonObject b = breaker("o-a");
        assertEquals("open", b.getString("state"));
        assertEquals(THRESHOLD, b.getInteger("failures"));
        long reopensAt = b.getLong("reopens_at");
        assertTrue(reopensAt >= before + RESET_MS && reopensAt <= System.currentTimeMillis() + RESET_MS,
                "reopens_at " + reopensAt + " is about now + reset-timeout");
        assertEquals("closed", state("o-b"));

        HttpResponse<String> plan = node.post("/v1/route", Chats.body("o", false).encode());
        assertEquals(200, plan.statusCode(), plan.body());
        JsonArray rejected = new JsonObject(plan.body()).getJsonArray("rejected");
        assertTrue(rejected.stream().map(o -> (JsonObject) o)
                .anyMatch(j -> "o-a".equals(j.getString("model")) && "breaker".equals(j.getString("kind"))),
                "o-a rejected by its breaker: " + plan.body());

        assertTrue(poll(500, () -> transitions("o-a").contains("closed>open")), "event: " + events);
        JsonObject event = events.stream().filter(e -> "o-a".equals(e.getString("model"))).findFirst().orElseThrow();
        assertTrue(event.getValue("reason") instanceof String && !event.getString("reason").isBlank(), event.encode());
    }

    @Test
    void nonTransientFailuresDoNotOpen() throws Exception {
        up.script("n-a", Fault.badRequest());
        for (int i = 0; i < THRESHOLD + 1; i++) {
            assertEquals(400, chat(node, "n", false).statusCode());
        }
        assertEquals(THRESHOLD + 1, up.calls("n-a"), "every request reached n-a");
        assertEquals("closed", state("n-a"));
    }

    @Test
    void aSuccessResetsTheConsecutiveCount() throws Exception {
        up.script("n2-a", Fault.serverError(), Fault.ok(), Fault.serverError(), Fault.ok());
        for (int i = 0; i < 4; i++) {
            assertEquals(200, chat(node, "n2", false).statusCode());
        }
        assertEquals(4, up.calls("n2-a"), "never skipped: failures were not consecutive");
        assertEquals("closed", state("n2-a"));
    }

    @Test
    void afterTheResetTimeoutOneTrialGoesThroughAndSuccessCloses() throws Exception {
        long opened = open("h", Fault.serverError());
        up.script("h-a", Fault.ok());
        long deadline = System.currentTimeMillis() + RESET_MS + 3000;
        HttpResponse<String> r = chat(node, "h", false);
        while (!"h-a".equals(header(r, "x-switchboard-model")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            r = chat(node, "h", false);
        }
        assertEquals("h-a", header(r, "x-switchboard-model"), "the trial request was served by h-a");
        long trialAt = up.callTimes("h-a").get(THRESHOLD);
        assertTrue(trialAt - opened >= RESET_MS - 50, "trial after the reset timeout: " + (trialAt - opened) + " ms");
        assertEquals(THRESHOLD + 1, up.calls("h-a"), "exactly one trial");
        assertTrue(poll(500, () -> "closed".equals(stateQuietly("h-a"))), "closed after the trial succeeded");
        assertEquals(0, breaker("h-a") == null ? 0 : breaker("h-a").getInteger("failures"));
        assertEquals("h-a", header(chat(node, "h", false), "x-switchboard-model"));
        assertTrue(poll(500, () -> transitions("h-a").containsAll(List.of("closed>open", "open>half_open", "half_open>closed"))),
                "transitions: " + transitions("h-a"));
        List<String> t = transitions("h-a");
        assertTrue(t.indexOf("closed>open") < t.indexOf("open>half_open") && t.indexOf("open>half_open") < t.indexOf("half_open>closed"),
                "in order: " + t);
    }

    @Test
    void halfOpenLetsExactlyOneTrialThroughUnderConcurrentRequests() throws Exception {
        open("c", Fault.serverError());
        long reopensAt = breaker("c-a").getLong("reopens_at");
        assertTrue(poll(RESET_MS + 2000, () -> System.currentTimeMillis() > reopensAt + 20), "reset timeout passed");
        // a slow successful trial stays in flight while the other requests arrive
        up.script("c-a", Fault.slowFirstByte(300));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Chats.body("c", false).encode())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals(THRESHOLD + 1, up.calls("c-a"), "exactly one trial while half-open");
        assertTrue(poll(500, () -> "closed".equals(stateQuietly("c-a"))), "closed after the trial: " + stateQuietly("c-a"));
    }

    @Test
    void aFailedTrialReopens() throws Exception {
        open("f", Fault.serverError());
        long deadline = System.currentTimeMillis() + RESET_MS + 3000;
        while (up.calls("f-a") == THRESHOLD && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            assertEquals(200, chat(node, "f", false).statusCode());
        }
        assertEquals(THRESHOLD + 1, up.calls("f-a"), "one trial");
        assertEquals(200, chat(node, "f", false).statusCode());
        assertEquals(THRESHOLD + 1, up.calls("f-a"), "reopened: no call after the failed trial");
        assertEquals("open", state("f-a"));
        assertTrue(poll(500, () -> transitions("f-a").contains("half_open>open")), "transitions: " + transitions("f-a"));
    }

    @Test
    void rateLimitWithRetryAfterOpensForThatPeriod() throws Exception {
        long retryAfterMs = 800;
        up.script("r-a", Fault.rateLimitedMs(retryAfterMs));
        long t0 = System.currentTimeMillis();
        HttpResponse<String> first = chat(node, "r", false);
        assertEquals("r-a:429,r-b:ok", header(first, "x-switchboard-attempts"));
        JsonObject b = breaker("r-a");
        assertNotNull(b, "r-a listed");
        assertEquals("open", b.getString("state"), "one 429 with Retry-After opens it (threshold " + THRESHOLD + ")");
        long reopensAt = b.getLong("reopens_at");
        assertTrue(reopensAt >= t0 + retryAfterMs - 50 && reopensAt <= System.currentTimeMillis() + retryAfterMs + 50,
                "reopens_at is about Retry-After from the 429: " + (reopensAt - t0) + " ms");
        assertEquals("r-b", header(chat(node, "r", false), "x-switchboard-model"));
        assertEquals(1, up.calls("r-a"));

        up.script("r-a", Fault.ok());
        long deadline = t0 + retryAfterMs + 3000;
        HttpResponse<String> r = chat(node, "r", false);
        while (!"r-a".equals(header(r, "x-switchboard-model")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            r = chat(node, "r", false);
        }
        assertEquals("r-a", header(r, "x-switchboard-model"));
        long gap = up.callTimes("r-a").get(1) - up.callTimes("r-a").get(0);
        assertTrue(gap >= retryAfterMs - 50 && gap < RESET_MS + 1000, "r-a called again after " + gap + " ms");
    }

    @Test
    void whenEveryCandidateIsOpenTheAnswerIs503AtOnceWithRetryAfter() throws Exception {
        up.script("x-a", Fault.serverError());
        up.script("x-b", Fault.unavailable());
        for (int i = 0; i < THRESHOLD; i++) {
            assertEquals(502, chat(node, "x", false).statusCode(), "all failed: the primary's 500 as 502");
        }
        assertTrue(poll(500, () -> "open".equals(stateQuietly("x-a")) && "open".equals(stateQuietly("x-b"))));
        for (boolean stream : new boolean[] {false, true}) {
            long t0 = System.currentTimeMillis();
            HttpResponse<String> r = chat(node, "x", stream);
            long took = System.currentTimeMillis() - t0;
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(took < 500, "at once: " + took + " ms");
            assertEquals("all_candidates_open", error(r).getString("code"));
            String ra = header(r, "retry-after");
            assertNotNull(ra, "Retry-After header");
            long seconds = Long.parseLong(ra);
            assertTrue(seconds >= 1 && seconds <= (RESET_MS + 999) / 1000, "Retry-After " + seconds + " = the earliest reopening");
        }
        HttpResponse<String> direct = chat(node, "x-a", false);
        assertEquals(503, direct.statusCode(), direct.body());
        assertEquals(THRESHOLD, up.calls("x-a"));
        assertEquals(THRESHOLD, up.calls("x-b"));
    }

    @Test
    void resetClosesAnOpenBreaker() throws Exception {
        open("z", Fault.serverError());
        HttpResponse<String> reset = node.post("/circuit-breaker/reset/z-a", "{}");
        assertTrue(reset.statusCode() / 100 == 2, reset.statusCode() + " " + reset.body());
        assertEquals("closed", state("z-a"));
        assertNull(breaker("z-a") == null ? null : breaker("z-a").getValue("reopens_at"));
        chat(node, "z", false);
        assertEquals(THRESHOLD + 1, up.calls("z-a"), "z-a is called again");
        assertTrue(poll(500, () -> transitions("z-a").contains("open>closed")), "transitions: " + transitions("z-a"));

        HttpResponse<String> unknown = node.post("/circuit-breaker/reset/no-such-model", "{}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(error(unknown).getString("message").contains("no-such-model"), unknown.body());
    }

    @Test
    void resetAllClosesEveryBreaker() throws Exception {
        up.script("y-a", Fault.serverError());
        up.script("y-b", Fault.serverError());
        for (int i = 0; i < THRESHOLD; i++) {
            chat(node, "y", false);
        }
        assertTrue(poll(500, () -> "open".equals(stateQuietly("y-a")) && "open".equals(stateQuietly("y-b"))));
        HttpResponse<String> reset = node.post("/circuit-breaker/reset-all", "{}");
        assertTrue(reset.statusCode() / 100 == 2, reset.statusCode() + " " + reset.body());
        assertEquals("closed", state("y-a"));
        assertEquals("closed", state("y-b"));
        up.script("y-a", Fault.ok());
        assertEquals("y-a", header(chat(node, "y", false), "x-switchboard-model"));
    }

    @Test
    void streamFailuresCountToo() throws Exception {
        up.script("s-a", Fault.reset());
        for (int i = 0; i < THRESHOLD; i++) {
            HttpResponse<String> r = chat(node, "s", true);
            Sse.parse(r.body()).assertClean("s-b");
        }
        assertTrue(poll(500, () -> "open".equals(stateQuietly("s-a"))), "open: " + stateQuietly("s-a"));
        HttpResponse<String> r = chat(node, "s", true);
        assertEquals("s-b", header(r, "x-switchboard-model"));
        assertEquals(THRESHOLD, up.calls("s-a"));
    }

    @Test
    void listingHasTheDocumentedShape() throws Exception {
        open("l", Fault.unavailable());
        HttpResponse<String> r = node.get("/circuit-breakers");
        assertEquals(200, r.statusCode());
        assertTrue(header(r, "content-type").startsWith("application/json"));
        JsonArray list = new JsonObject(r.body()).getJsonArray("breakers");
        for (Object o : list) {
            JsonObject b = (JsonObject) o;
            if (!(b.getValue("model") instanceof String) || !Set.of("closed", "open", "half_open").contains(b.getString("state"))
                    || !(b.getValue("failures") instanceof Number)) {
                fail("malformed entry " + b.encode());
            }
            if ("open".equals(b.getString("state"))) {
                assertTrue(b.getValue("reopens_at") instanceof Number, b.encode());
            } else if ("closed".equals(b.getString("state"))) {
                assertNull(b.getValue("reopens_at"), b.encode());
            }
        }
        events.forEach(e -> assertTrue(e.getValue("model") instanceof String
                && Set.of("closed", "open", "half_open").containsAll(List.of(e.getString("from"), e.getString("to"))), e.encode()));
    }
}
