package dev.switchboard.tests.resilience;

import static dev.switchboard.tests.resilience.Chats.ANSWER;
import static dev.switchboard.tests.resilience.Chats.chat;
import static dev.switchboard.tests.resilience.Chats.content;
import static dev.switchboard.tests.resilience.Chats.error;
import static dev.switchboard.tests.resilience.Chats.header;
import static dev.switchboard.tests.resilience.Chats.model;
import static dev.switchboard.tests.resilience.Chats.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.resilience.Chats.Sse;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-call fallback over HTTP: which errors move on, which are answered at once, the
 * context-length rule, the all-failed answer, the request timeout and attribution to the serving
 * model ({@link StreamFailoverHttpTest} has the stream-only rules). No retries here
 * ({@code max-retries: 0}); breakers effectively off (threshold 1000).
 */
class FallbackHttpTest {
    static final long CALL_TIMEOUT_MS = 500;
    static final long REQUEST_TIMEOUT_MS = 2000;
    static final long FIRST_TOKEN_MS = 500;
    static final long STALL_MS = 400;
    static final long SLACK_MS = 1000;

    static FaultyUpstream up;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        String models = model("a", 128000, 1.0, 2.0) + model("b", 128000, 10.0, 20.0) + model("c", 128000, 100.0, 200.0)
                + "  fa: {provider: up, upstream-model: fa, context-window: 128000, fallbacks: [b]}\n"
                + "  na: {provider: up-nt, upstream-model: na, context-window: 128000}\n"
                + "  nb: {provider: up-nt, upstream-model: nb, context-window: 128000}\n"
                + model("s1", 8192, 1.0, 1.0) + model("s2", 8192, 1.0, 1.0) + model("big", 128000, 1.0, 1.0);
        String routes = route("ab", "a", "b") + route("abc", "a", "b", "c") + route("nanb", "na", "nb")
                + route("ctx", "s1", "s2", "big") + route("ctx-small", "s1", "s2");
        String resilience = "{max-retries: 0, request-timeout-ms: %d, first-token-timeout-ms: %d, stream-stall-timeout-ms: %d,"
                .formatted(REQUEST_TIMEOUT_MS, FIRST_TOKEN_MS, STALL_MS)
                + " breaker: {failure-threshold: 1000, reset-timeout-ms: 1000}}";
        node = Node.start(Chats.config(up, CALL_TIMEOUT_MS, resilience, models, routes), null);
        for (String m : new String[] {"a", "b", "na"}) {
            Chats.warmUp(node, m);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        up.close();
    }

    @BeforeEach
    void clean() throws Exception {
        up.clear();
        // once breakers exist, a Retry-After must not leak into the next test; a 404 before that is fine
        node.post("/circuit-breaker/reset-all", "{}");
    }

    /** Transient faults and the attempt tag each leaves in {@code x-switchboard-attempts}. */
    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of("429", Fault.rateLimited(), "429"),
                Arguments.of("500", Fault.serverError(), "500"),
                Arguments.of("503", Fault.unavailable(), "503"),
                Arguments.of("529", Fault.overloaded(), "529"),
                Arguments.of("connection reset", Fault.reset(), "connection"),
                Arguments.of("hang", Fault.hang(), "timeout"),
                Arguments.of("slow first byte", Fault.slowFirstByte(CALL_TIMEOUT_MS + 500), "timeout"),
                Arguments.of("malformed JSON", Fault.malformed(), "malformed_response"),
                Arguments.of("body cut", Fault.cutAfter(0), "connection"),
                Arguments.of("body stalled", Fault.stallAfter(0), "timeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFaults")
    void transientFailureFallsBackToTheNextCandidate(String name, Fault fault, String tag) throws Exception {
        up.script("a", fault);
        HttpResponse<String> r = chat(node, "ab", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(ANSWER, content(r));
        assertEquals("b", header(r, "x-switchboard-model"));
        assertEquals("a:" + tag + ",b:ok", header(r, "x-switchboard-attempts"));
        assertEquals("b", new JsonObject(r.body()).getString("model"), "the response is the serving model's");
        assertEquals(1, up.calls("a"), "no retry with max-retries 0");
        assertEquals(1, up.calls("b"));
    }

    @Test
    void slowFirstByteWithinTheTimeoutIsServedByThePrimary() throws Exception {
        up.script("a", Fault.slowFirstByte(CALL_TIMEOUT_MS / 3));
        HttpResponse<String> r = chat(node, "ab", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("a:ok", header(r, "x-switchboard-attempts"));
        up.script("a", Fault.slowFirstByte(FIRST_TOKEN_MS / 3));
        HttpResponse<String> s = chat(node, "ab", true);
        assertEquals("a:ok", header(s, "x-switchboard-attempts"));
        Sse.parse(s.body()).assertClean("a");
        assertEquals(0, up.calls("b"));
    }

    static Stream<Arguments> nonTransientFaults() {
        return Stream.of(
                Arguments.of(Fault.badRequest(), 400, false),
                Arguments.of(Fault.badRequest(), 400, true),
                Arguments.of(Fault.unauthorized(), 401, false),
                Arguments.of(Fault.unauthorized(), 401, true));
    }

    @ParameterizedTest(name = "{1} stream={2}")
    @MethodSource("nonTransientFaults")
    void nonTransientFailureIsAnsweredAtOnceWithoutTryingTheNext(Fault fault, int status, boolean stream) throws Exception {
        up.script("a", fault);
        HttpResponse<String> r = chat(node, "ab", stream);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(header(r, "content-type").startsWith("application/json"), "an error, not a stream");
        JsonObject err = error(r);
        assertTrue(err.getString("message").contains(fault.message()), err.encode());
        assertEquals(fault.code(), err.getString("code"));
        assertEquals(1, up.calls("a"));
        assertEquals(0, up.calls("b"), "the next candidate is not called");
    }

    @Test
    void catalogFallbacksAreWalkedForADirectModel() throws Exception {
        up.script("fa", Fault.unavailable());
        HttpResponse<String> r = chat(node, "fa", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("b", header(r, "x-switchboard-model"));
        assertEquals("fa:503,b:ok", header(r, "x-switchboard-attempts"));
    }

    @ParameterizedTest(name = "stream={0}")
    @MethodSource("streamFlags")
    void contextLengthMovesOnlyToALargerWindow(boolean stream) throws Exception {
        up.script("s1", Fault.contextLength());
        HttpResponse<String> r = chat(node, "ctx", stream);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("big", header(r, "x-switchboard-model"));
        assertEquals("s1:400,big:ok", header(r, "x-switchboard-attempts"));
        assertEquals(0, up.calls("s2"), "s2 has the same window as s1: skipped");
        assertEquals(1, up.calls("big"));
    }

    @Test
    void contextLengthWithNoLargerWindowIsAnsweredAtOnce() throws Exception {
        up.script("s1", Fault.contextLength());
        HttpResponse<String> r = chat(node, "ctx-small", false);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("context_length_exceeded", error(r).getString("code"));
        assertTrue(error(r).getString("message").contains("maximum context length"), r.body());
        assertEquals(0, up.calls("s2"));
    }

    static Stream<Boolean> streamFlags() {
        return Stream.of(false, true);
    }

    @ParameterizedTest(name = "stream={0}")
    @MethodSource("streamFlags")
    void whenAllFailTheClientGetsThePrimaryErrorAndEveryAttempt(boolean stream) throws Exception {
        up.script("a", Fault.rateLimited());
        up.script("b", Fault.serverError());
        up.script("c", Fault.unavailable());
        HttpResponse<String> r = chat(node, "abc", stream);
        assertEquals(429, r.statusCode(), "the primary's status: " + r.body());
        assertTrue(header(r, "content-type").startsWith("application/json"));
        JsonObject err = error(r);
        assertTrue(err.getString("message").contains("Rate limit reached for requests"), err.encode());
        assertEquals("rate_limit_exceeded", err.getString("code"));
        JsonArray attempts = err.getJsonArray("attempts");
        assertEquals(3, attempts.size(), attempts.encode());
        String[] models = {"a", "b", "c"};
        String[] outcomes = {"rate_limited", "upstream_5xx", "overloaded"};
        int[] statuses = {429, 500, 503};
        for (int i = 0; i < 3; i++) {
            JsonObject a = attempts.getJsonObject(i);
            assertEquals(models[i], a.getString("model"));
            assertEquals(outcomes[i], a.getString("outcome"));
            assertEquals(statuses[i], a.getInteger("status"));
            assertTrue(a.getValue("ms") instanceof Number && a.getLong("ms") >= 0, a.encode());
        }
    }

    @Test
    void whenAllFailAfterAResetThePrimaryConnectionErrorIsShown() throws Exception {
        up.script("a", Fault.reset());
        up.script("b", Fault.serverError());
        HttpResponse<String> r = chat(node, "ab", false);
        assertEquals(502, r.statusCode(), r.body());
        JsonObject err = error(r);
        assertTrue(err.getString("message").contains("provider 'up'"), err.encode());
        JsonArray attempts = err.getJsonArray("attempts");
        assertEquals("connection", attempts.getJsonObject(0).getString("outcome"));
        assertNull(attempts.getJsonObject(0).getValue("status"));
        assertEquals(500, attempts.getJsonObject(1).getInteger("status"));
    }

    @Test
    void requestTimeoutBoundsTheWholeRequest() throws Exception {
        up.script("na", Fault.hang());
        up.script("nb", Fault.hang());
        long t0 = System.currentTimeMillis();
        HttpResponse<String> r = chat(node, "nanb", false);
        long took = System.currentTimeMillis() - t0;
        assertEquals(504, r.statusCode(), r.body());
        assertEquals("timeout_error", error(r).getString("type"));
        assertTrue(took >= REQUEST_TIMEOUT_MS - 50 && took < REQUEST_TIMEOUT_MS + SLACK_MS, "took " + took + " ms");
        long firstAttemptMs = error(r).getJsonArray("attempts").getJsonObject(0).getLong("ms");
        assertTrue(firstAttemptMs >= REQUEST_TIMEOUT_MS - 50 && firstAttemptMs <= took, "the hang's attempt lasted " + firstAttemptMs + " ms");
    }

    @Test
    void usageAndCostBelongToTheServingModel() throws Exception {
        up.script("a", Fault.serverError());
        HttpResponse<String> r = chat(node, "ab", false);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals("b", body.getString("model"));
        // b's prices: 12 in x $10/M + 5 out x $20/M
        double bCost = 0.00022;
        assertEquals(bCost, body.getJsonObject("usage").getDouble("cost"), 1e-12);
        assertEquals(bCost, Double.parseDouble(header(r, "x-switchboard-cost-usd")), 1e-12);

        JsonObject req = Chats.body("ab", true).put("stream_options", new JsonObject().put("include_usage", true));
        HttpResponse<String> s = node.post("/v1/chat/completions", req.encode());
        assertEquals("b", header(s, "x-switchboard-model"));
        Sse sse = Sse.parse(s.body());
        JsonObject last = sse.chunks().get(sse.chunks().size() - 1);
        assertEquals(bCost, last.getJsonObject("usage").getDouble("cost"), 1e-12);
        assertEquals("b", last.getString("model"));
    }
}
