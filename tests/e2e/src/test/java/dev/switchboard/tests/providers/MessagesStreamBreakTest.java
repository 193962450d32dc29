package dev.switchboard.tests.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.resilience.Fault;
import dev.switchboard.tests.resilience.FaultyUpstream;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams that fail: before content they fall back unseen (the client gets the fallback's events);
 * after content they end with Anthropic's {@code error} event, never silently.
 */
class MessagesStreamBreakTest {
    static FaultyUpstream up;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        node = Node.start("""
                server: {host: 127.0.0.1, port: 0, instances: 1}
                providers:
                  up: {type: openai, base-url: "%s", api-key: "k"}
                models:
                  cut: {provider: up, upstream-model: cut, fallbacks: [good]}
                  early: {provider: up, upstream-model: early, fallbacks: [good]}
                  good: {provider: up, upstream-model: good}
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(up.baseUrl()), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        up.close();
    }

    static HttpResponse<String> stream(String model) throws Exception {
        JsonObject body = new JsonObject().put("model", model).put("max_tokens", 100).put("stream", true)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "one two three four")));
        return MessagesHttp.post(node.url("/v1/messages"), body.encode());
    }

    @Test
    void aStreamCutAfterContentEndsWithAnErrorEvent() throws Exception {
        up.script("cut", Fault.cutAfter(2));
        HttpResponse<String> r = stream("cut");
        assertEquals(200, r.statusCode());
        List<MessagesHttp.Event> events = MessagesHttp.events(r.body());
        List<String> names = events.stream().map(MessagesHttp.Event::name).collect(Collectors.toList());
        assertEquals("message_start", names.get(0), names.toString());
        assertTrue(names.contains("content_block_delta"), names.toString());
        assertEquals("error", names.get(names.size() - 1), names.toString());
        assertTrue(!names.contains("message_stop"), "a broken stream does not claim to have ended: " + names);
        JsonObject error = events.get(events.size() - 1).data();
        assertEquals("error", error.getString("type"));
        assertTrue(error.getJsonObject("error").getString("type").endsWith("_error"), error.encode());
    }

    @Test
    void aStreamFailingBeforeContentFallsBackUnseen() throws Exception {
        up.script("early", Fault.serverError());
        HttpResponse<String> r = stream("early");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("early:500,good:ok", r.headers().firstValue("x-switchboard-attempts").orElseThrow());
        List<String> names = MessagesHttp.events(r.body()).stream().map(MessagesHttp.Event::name).collect(Collectors.toList());
        assertEquals("message_start", names.get(0));
        assertEquals("message_stop", names.get(names.size() - 1));
        assertTrue(!names.contains("error"), names.toString());
    }
}
