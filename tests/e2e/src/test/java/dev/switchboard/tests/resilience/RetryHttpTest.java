package dev.switchboard.tests.resilience;

import static dev.switchboard.tests.resilience.Chats.ANSWER;
import static dev.switchboard.tests.resilience.Chats.chat;
import static dev.switchboard.tests.resilience.Chats.content;
import static dev.switchboard.tests.resilience.Chats.header;
import static dev.switchboard.tests.resilience.Chats.model;
import static dev.switchboard.tests.resilience.Chats.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.resilience.Chats.Sse;
import dev.switchboard.tests.support.Node;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retries on the same model before falling back ({@code max-retries: 1}): Retry-After in seconds
 * and in {@code retry-after-ms} is waited for, a Retry-After above {@code max-retry-wait-ms} moves
 * on at once, and "fail K times" sequences use the retry then the next candidate. Each test uses
 * its own models, so a breaker opened by a Retry-After cannot leak between tests.
 */
class RetryHttpTest {
    static final long MAX_RETRY_WAIT_MS = 1500;
    static final long SLACK_MS = 600;

    static FaultyUpstream up;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        StringBuilder models = new StringBuilder();
        StringBuilder routes = new StringBuilder();
        for (String p : List.of("sec", "ms", "cap", "k1", "k2", "st", "bo")) {
            models.append(model(p + "-a")).append(model(p + "-b"));
            routes.append(route(p, p + "-a", p + "-b"));
        }
        String resilience = "{max-retries: 1, retry-base-delay-ms: 20, max-retry-wait-ms: %d, request-timeout-ms: 5000,"
                .formatted(MAX_RETRY_WAIT_MS)
                + " first-token-timeout-ms: 1000, breaker: {failure-threshold: 1000, reset-timeout-ms: 1000}}";
        node = Node.start(Chats.config(up, 1000, resilience, models.toString(), routes.toString()), null);
        Chats.warmUp(node, "k1-b");
        up.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        up.close();
    }

    /** Milliseconds between the first two upstream calls for {@code model}. */
    static long gap(String model) {
        List<Long> times = up.callTimes(model);
        assertTrue(times.size() >= 2, model + " was called " + times.size() + " times");
        return times.get(1) - times.get(0);
    }

    @Test
    void retryAfterSecondsIsHonouredOnTheSameModel() throws Exception {
        up.failThenOk("sec-a", 1, Fault.rateLimited("1"));
        HttpResponse<String> r = chat(node, "sec", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("sec-a", header(r, "x-switchboard-model"));
        assertEquals("sec-a:429,sec-a:ok", header(r, "x-switchboard-attempts"));
        long gap = gap("sec-a");
        assertTrue(gap >= 1000 && gap < 1000 + SLACK_MS, "waited " + gap + " ms for Retry-After: 1");
        assertEquals(0, up.calls("sec-b"));
    }

    @Test
    void retryAfterMsIsHonouredOnTheSameModel() throws Exception {
        up.failThenOk("ms-a", 1, Fault.rateLimitedMs(400));
        HttpResponse<String> r = chat(node, "ms", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("ms-a:429,ms-a:ok", header(r, "x-switchboard-attempts"));
        long gap = gap("ms-a");
        assertTrue(gap >= 400 && gap < 400 + SLACK_MS, "waited " + gap + " ms for retry-after-ms: 400");
    }

    @Test
    void retryAfterAboveTheCapSkipsStraightToTheNextCandidate() throws Exception {
        up.script("cap-a", Fault.rateLimited("30"));
        long t0 = System.currentTimeMillis();
        HttpResponse<String> r = chat(node, "cap", false);
        long took = System.currentTimeMillis() - t0;
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("cap-b", header(r, "x-switchboard-model"));
        assertEquals("cap-a:429,cap-b:ok", header(r, "x-switchboard-attempts"));
        assertEquals(1, up.calls("cap-a"), "no second call on cap-a");
        assertTrue(took < MAX_RETRY_WAIT_MS, "no wait: took " + took + " ms");
    }

    @Test
    void oneFailureIsRetriedOnTheSameModel() throws Exception {
        up.failThenOk("k1-a", 1, Fault.serverError());
        HttpResponse<String> r = chat(node, "k1", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(ANSWER, content(r));
        assertEquals("k1-a:500,k1-a:ok", header(r, "x-switchboard-attempts"));
        assertEquals(0, up.calls("k1-b"));
    }

    @Test
    void failuresBeyondTheRetriesMoveToTheNextCandidate() throws Exception {
        up.failThenOk("k2-a", 2, Fault.unavailable());
        HttpResponse<String> r = chat(node, "k2", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("k2-a:503,k2-a:503,k2-b:ok", header(r, "x-switchboard-attempts"));
        assertEquals(2, up.calls("k2-a"));
    }

    @Test
    void backoffWithoutRetryAfterStaysWithinTheCap() throws Exception {
        up.failThenOk("bo-a", 1, Fault.rateLimited());
        HttpResponse<String> r = chat(node, "bo", false);
        assertEquals("bo-a:429,bo-a:ok", header(r, "x-switchboard-attempts"));
        assertTrue(gap("bo-a") < MAX_RETRY_WAIT_MS, "gap " + gap("bo-a"));
    }

    @Test
    void streamRetriesBeforeTheFirstChunkHonourRetryAfter() throws Exception {
        up.failThenOk("st-a", 1, Fault.rateLimitedMs(300));
        HttpResponse<String> r = chat(node, "st", true);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("st-a:429,st-a:ok", header(r, "x-switchboard-attempts"));
        Sse.parse(r.body()).assertClean("st-a");
        long gap = gap("st-a");
        assertTrue(gap >= 300 && gap < 300 + SLACK_MS, "waited " + gap + " ms for retry-after-ms: 300");
    }
}
