package dev.switchboard.tests.resilience;

import static dev.switchboard.tests.resilience.Chats.chat;
import static dev.switchboard.tests.resilience.Chats.error;
import static dev.switchboard.tests.resilience.Chats.header;
import static dev.switchboard.tests.resilience.Chats.model;
import static dev.switchboard.tests.resilience.Chats.route;
import static dev.switchboard.tests.resilience.FallbackHttpTest.FIRST_TOKEN_MS;
import static dev.switchboard.tests.resilience.FallbackHttpTest.REQUEST_TIMEOUT_MS;
import static dev.switchboard.tests.resilience.FallbackHttpTest.SLACK_MS;
import static dev.switchboard.tests.resilience.FallbackHttpTest.STALL_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.resilience.Chats.Sse;
import dev.switchboard.tests.support.Node;
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
 * Streaming failover over HTTP: nothing reaches the client before the first content chunk, so a
 * failure or first-token timeout before it falls back invisibly; after it, a cut, an early end,
 * an upstream error event or a stall ends the stream with an error event and {@code [DONE]}.
 */
class StreamFailoverHttpTest {
    static FaultyUpstream up;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        String models = model("a") + model("b")
                + "  na: {provider: up-nt, upstream-model: na, context-window: 128000}\n"
                + "  nb: {provider: up-nt, upstream-model: nb, context-window: 128000}\n";
        String resilience = "{max-retries: 0, request-timeout-ms: %d, first-token-timeout-ms: %d, stream-stall-timeout-ms: %d,"
                .formatted(REQUEST_TIMEOUT_MS, FIRST_TOKEN_MS, STALL_MS)
                + " breaker: {failure-threshold: 1000, reset-timeout-ms: 1000}}";
        node = Node.start(Chats.config(up, FallbackHttpTest.CALL_TIMEOUT_MS, resilience, models,
                route("ab", "a", "b") + route("nanb", "na", "nb")), null);
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
        node.post("/circuit-breaker/reset-all", "{}");
    }

    /** Before the first content chunk the same faults (and a silent or cut stream) fall back invisibly. */
    static Stream<Arguments> transientStreamFaults() {
        return Stream.of(
                Arguments.of("429", Fault.rateLimited(), "429"),
                Arguments.of("500", Fault.serverError(), "500"),
                Arguments.of("503", Fault.unavailable(), "503"),
                Arguments.of("529", Fault.overloaded(), "529"),
                Arguments.of("connection reset", Fault.reset(), "connection"),
                Arguments.of("hang", Fault.hang(), "timeout"),
                Arguments.of("slow first byte", Fault.slowFirstByte(FIRST_TOKEN_MS + 500), "timeout"),
                Arguments.of("malformed event", Fault.malformed(), "malformed_response"),
                Arguments.of("stall after role chunk", Fault.stallAfter(0), "timeout"),
                Arguments.of("cut after role chunk", Fault.cutAfter(0), "connection"),
                Arguments.of("end without [DONE] after role chunk", Fault.endWithoutDoneAfter(0), "connection"),
                Arguments.of("error event before content", Fault.errorEventAfter(0), "upstream_5xx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientStreamFaults")
    void streamFailureBeforeFirstChunkFallsBackInvisibly(String name, Fault fault, String tag) throws Exception {
        up.script("a", fault);
        HttpResponse<String> r = chat(node, "ab", true);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(header(r, "content-type").startsWith("text/event-stream"));
        assertEquals("b", header(r, "x-switchboard-model"));
        assertEquals("a:" + tag + ",b:ok", header(r, "x-switchboard-attempts"));
        Sse.parse(r.body()).assertClean("b");
        assertEquals(1, up.calls("a"));
        assertEquals(1, up.calls("b"));
    }

    @Test
    void streamThatNeverStartsIsAnsweredInTime() throws Exception {
        up.script("na", Fault.hang());
        up.script("nb", Fault.stallAfter(0));
        long t0 = System.currentTimeMillis();
        HttpResponse<String> r = chat(node, "nanb", true);
        long took = System.currentTimeMillis() - t0;
        assertEquals(504, r.statusCode(), r.body());
        assertTrue(header(r, "content-type").startsWith("application/json"));
        assertEquals(2, error(r).getJsonArray("attempts").size(), r.body());
        assertTrue(took >= 2 * FIRST_TOKEN_MS - 50 && took < REQUEST_TIMEOUT_MS + SLACK_MS, "took " + took + " ms");
    }

    static Stream<Arguments> midStreamFaults() {
        return Stream.of(
                Arguments.of("cut connection", Fault.cutAfter(2)),
                Arguments.of("clean end without [DONE]", Fault.endWithoutDoneAfter(2)),
                Arguments.of("upstream error event", Fault.errorEventAfter(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("midStreamFaults")
    void midStreamFailureIsNeverASilentTruncation(String name, Fault fault) throws Exception {
        up.script("a", fault);
        HttpResponse<String> r = chat(node, "ab", true);
        assertEquals(200, r.statusCode(), r.body());
        Sse sse = Sse.parse(r.body());
        assertTrue(sse.order().matches("c+ed"), "chunks, one error event, [DONE]: " + sse.order() + "\n" + r.body());
        assertEquals("echo: one ", sse.text());
        assertEquals(0, up.calls("b"));
    }

    @Test
    void streamStallAfterFirstChunkEndsWithErrorEventAndDone() throws Exception {
        up.script("a", Fault.stallAfter(2));
        long t0 = System.currentTimeMillis();
        HttpResponse<String> r = chat(node, "ab", true);
        long took = System.currentTimeMillis() - t0;
        assertEquals(200, r.statusCode(), r.body());
        Sse sse = Sse.parse(r.body());
        assertTrue(sse.order().matches("c+ed"), "chunks, one error event, [DONE]: " + sse.order() + "\n" + r.body());
        assertEquals("echo: one ", sse.text());
        assertEquals("timeout_error", sse.errors().get(0).getString("type"));
        assertTrue(took >= STALL_MS && took < STALL_MS + SLACK_MS, "took " + took + " ms");
        assertEquals(0, up.calls("b"));
    }
}
