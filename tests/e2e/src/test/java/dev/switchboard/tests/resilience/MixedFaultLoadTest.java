package dev.switchboard.tests.resilience;

import static dev.switchboard.tests.resilience.Chats.ANSWER;
import static dev.switchboard.tests.resilience.Chats.header;
import static dev.switchboard.tests.resilience.Chats.model;
import static dev.switchboard.tests.resilience.Chats.poll;
import static dev.switchboard.tests.resilience.Chats.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.resilience.Chats.Sse;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A bounded mixed-fault load: 50 concurrent clients for 10 s against a route of three models
 * whose faults change at random every 200 ms. Every request must get one well-formed answer in
 * time, and no stream may end without {@code [DONE]}. Counts are printed for the lead's note.
 * Then the breakers must end in the states a final, fixed script implies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixedFaultLoadTest {
    static final int CLIENTS = 50;
    static final long DURATION_MS = 10_000;
    static final long SWITCH_MS = 200;
    static final long REQUEST_TIMEOUT_MS = 1500;
    static final long STALL_MS = 300;
    static final long SLACK_MS = 3000;
    static final int THRESHOLD = 10;
    static final List<String> MODELS = List.of("l-a", "l-b", "l-c");

    static FaultyUpstream up;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        String resilience = ("{max-retries: 1, retry-base-delay-ms: 20, max-retry-wait-ms: 200, request-timeout-ms: %d,"
                + " first-token-timeout-ms: 400, stream-stall-timeout-ms: %d,"
                + " breaker: {failure-threshold: %d, reset-timeout-ms: 500}}").formatted(REQUEST_TIMEOUT_MS, STALL_MS, THRESHOLD);
        node = Node.start(Chats.config(up, 400, resilience, model("l-a") + model("l-b") + model("l-c"),
                route("mix", "l-a", "l-b", "l-c")), null);
        Chats.warmUp(node, "mix");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        up.close();
    }

    /**
     * The fault pool; ok is listed often so about half the picks are healthy and the breakers
     * (threshold 10, 500 ms) open now and then rather than all the time.
     */
    static final List<Fault> POOL = List.of(Fault.ok(), Fault.ok(), Fault.ok(), Fault.ok(), Fault.ok(), Fault.ok(),
            Fault.ok(), Fault.ok(), Fault.ok(), Fault.ok(), Fault.ok(), Fault.ok(),
            Fault.rateLimitedMs(50), Fault.rateLimited("1"), Fault.serverError(), Fault.unavailable(), Fault.overloaded(),
            Fault.reset(), Fault.malformed(), Fault.slowFirstByte(100), Fault.slowFirstByte(700), Fault.hang(),
            Fault.cutAfter(2), Fault.stallAfter(2), Fault.badRequest());

    /** Tallies of the answers. */
    static final class Counts {
        final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        final AtomicLong slowest = new AtomicLong();

        void add(String kind) {
            byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }

        long total() {
            return byKind.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    @Test
    @Order(1)
    void everyRequestGetsOneWellFormedAnswerInTime() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Counts counts = new Counts();
        ScheduledExecutorService switcher = Executors.newSingleThreadScheduledExecutor();
        switcher.scheduleAtFixedRate(() -> MODELS.forEach(m -> up.script(m, POOL.get(ThreadLocalRandom.current().nextInt(POOL.size())))),
                0, SWITCH_MS, TimeUnit.MILLISECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long end = System.currentTimeMillis() + DURATION_MS;
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                running.add(clients.submit(() -> {
                    while (System.currentTimeMillis() < end) {
                        one(http, ThreadLocalRandom.current().nextBoolean(), counts);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(DURATION_MS + REQUEST_TIMEOUT_MS + SLACK_MS + 10_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            switcher.shutdownNow();
            clients.shutdownNow();
        }
        Map<String, Long> sorted = new TreeMap<>();
        counts.byKind.forEach((k, v) -> sorted.put(k, v.get()));
        Map<String, Integer> calls = new TreeMap<>();
        MODELS.forEach(m -> calls.put(m, up.calls(m)));
        System.out.println("[mixed-fault load] " + CLIENTS + " clients, " + DURATION_MS + " ms: " + counts.total()
                + " requests " + sorted + ", slowest " + counts.slowest.get() + " ms, upstream calls " + calls
                + ", problems " + counts.problems.size());
        counts.problems.stream().limit(20).forEach(p -> System.out.println("[mixed-fault load] problem: " + p));
        assertTrue(counts.problems.isEmpty(), counts.problems.size() + " bad answers, first: " + counts.problems.peek());
        assertTrue(counts.total() > CLIENTS, "the load ran: " + sorted);
    }

    /** Sends one request and tallies its answer; anything not well-formed or late is a problem. */
    private static void one(HttpClient http, boolean stream, Counts counts) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                .timeout(Duration.ofMillis(REQUEST_TIMEOUT_MS + STALL_MS + SLACK_MS + 5000))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Chats.body("mix", stream).encode())).build();
        long t0 = System.currentTimeMillis();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            counts.problems.add((stream ? "stream" : "plain") + " request got no answer: " + e);
            return;
        }
        long took = System.currentTimeMillis() - t0;
        counts.slowest.accumulateAndGet(took, Math::max);
        if (took > REQUEST_TIMEOUT_MS + STALL_MS + SLACK_MS) {
            counts.problems.add("took " + took + " ms: " + r.statusCode() + " " + r.body());
        }
        try {
            counts.add(classify(r, stream));
        } catch (RuntimeException | AssertionError e) {
            counts.problems.add(e.getMessage() + " | status " + r.statusCode() + " body " + r.body());
        }
    }

    /** The answer's kind ("ok", "stream ok", "stream error event", "status 503"), or throws when malformed. */
    private static String classify(HttpResponse<String> r, boolean stream) {
        String type = header(r, "content-type");
        if (r.statusCode() != 200) {
            JsonObject err = new JsonObject(r.body()).getJsonObject("error");
            assertTrue(type.startsWith("application/json"), "error as JSON");
            assertTrue(err.getValue("message") instanceof String && err.getValue("type") instanceof String, "OpenAI error shape");
            assertTrue(r.statusCode() != 500, "no internal error");
            return "status " + r.statusCode();
        }
        String served = header(r, "x-switchboard-model");
        assertTrue(MODELS.contains(served), "x-switchboard-model " + served);
        assertTrue(header(r, "x-switchboard-attempts").endsWith(served + ":ok"), "attempts end with the serving model");
        if (!stream) {
            JsonObject body = new JsonObject(r.body());
            assertEquals("chat.completion", body.getString("object"));
            assertEquals(ANSWER, body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
            assertEquals(served, body.getString("model"));
            return "ok";
        }
        assertTrue(type.startsWith("text/event-stream"), "a stream");
        Sse sse = Sse.parse(r.body());
        assertTrue(sse.done(), "stream ends with [DONE]");
        if (sse.order().matches("c+d")) {
            assertEquals(ANSWER, sse.text());
            sse.chunks().forEach(c -> assertEquals(served, c.getString("model")));
            return "stream ok";
        }
        assertTrue(sse.order().matches("c+ed"), "chunks, then one error event and [DONE]: " + sse.order());
        assertTrue(ANSWER.startsWith(sse.text()), "a prefix of the answer before the error");
        return "stream error event";
    }

    @Test
    @Order(2)
    void breakersEndInTheStatesTheScriptImplies() throws Exception {
        HttpResponse<String> reset = node.post("/circuit-breaker/reset-all", "{}");
        assertTrue(reset.statusCode() / 100 == 2, reset.statusCode() + " " + reset.body());
        up.script("l-a", Fault.serverError());
        up.script("l-b", Fault.ok());
        up.script("l-c", Fault.ok());
        // each request fails twice on l-a (max-retries 1), so THRESHOLD failures open it
        for (int i = 0; i < (THRESHOLD + 1) / 2; i++) {
            HttpResponse<String> r = Chats.chat(node, "mix", false);
            assertEquals("l-b", header(r, "x-switchboard-model"), r.body());
        }
        assertTrue(poll(500, () -> states().equals(Map.of("l-a", "open", "l-b", "closed", "l-c", "closed"))),
                "breakers: " + states());
        assertEquals(200, node.get("/health").statusCode());
    }

    static Map<String, String> states() {
        Map<String, String> out = new TreeMap<>();
        MODELS.forEach(m -> out.put(m, Chats.breakerState(node, m)));
        return out;
    }
}
