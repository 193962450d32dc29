package dev.switchboard.tests.resilience;

import static dev.switchboard.tests.resilience.Chats.ANSWER;
import static dev.switchboard.tests.resilience.Chats.model;
import static dev.switchboard.tests.resilience.Chats.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Node;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fallback rules over the event bus: request/reply and the streaming scheme. */
class FallbackEventBusTest {
    static FaultyUpstream up;
    static Node node;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        String resilience = "{max-retries: 0, request-timeout-ms: 2000, first-token-timeout-ms: 1000, stream-stall-timeout-ms: 500,"
                + " breaker: {failure-threshold: 1000, reset-timeout-ms: 1000}}";
        node = Node.start(Chats.config(up, 1000, resilience, model("a") + model("b"), route("ab", "a", "b")), null);
        vertx = node.switchboard().vertx();
        Chats.warmUp(node, "a");
        Chats.warmUp(node, "b");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        up.close();
    }

    @BeforeEach
    void clean() {
        up.clear();
    }

    static Message<Object> request(JsonObject body, DeliveryOptions options) throws Exception {
        return vertx.eventBus().request("switchboard.chat", body, options).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    static ReplyException failure(JsonObject body) throws Exception {
        return failure(body, new DeliveryOptions());
    }

    static ReplyException failure(JsonObject body, DeliveryOptions options) throws Exception {
        Throwable t = vertx.eventBus().request("switchboard.chat", body, options).toCompletionStage().toCompletableFuture()
                .handle((m, e) -> e != null ? e : new AssertionError("succeeded: " + m.body() + " " + m.headers()))
                .get(10, TimeUnit.SECONDS);
        Throwable first = t;
        while (t != null && !(t instanceof ReplyException)) {
            t = t.getCause();
        }
        assertTrue(t instanceof ReplyException, "a ReplyException, got " + first);
        return (ReplyException) t;
    }

    @Test
    void transientFailureFallsBack() throws Exception {
        up.script("a", Fault.reset());
        Message<Object> reply = request(Chats.body("ab", false), new DeliveryOptions());
        JsonObject body = (JsonObject) reply.body();
        assertEquals(ANSWER, body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("b", reply.headers().get("x-switchboard-model"));
        assertEquals("a:connection,b:ok", reply.headers().get("x-switchboard-attempts"));
        assertEquals("b", body.getString("model"));
    }

    @Test
    void nonTransientFailureIsAnsweredWithItsStatus() throws Exception {
        up.script("a", Fault.unauthorized());
        ReplyException e = failure(Chats.body("ab", false));
        assertEquals(401, e.failureCode());
        assertTrue(new JsonObject(e.getMessage()).getJsonObject("error").getString("message").contains("Incorrect API key"));
        assertEquals(0, up.calls("b"));
    }

    @Test
    void allFailedIsThePrimaryErrorWithAttempts() throws Exception {
        up.script("a", Fault.unavailable());
        up.script("b", Fault.serverError());
        ReplyException e = failure(Chats.body("ab", false));
        assertEquals(503, e.failureCode());
        JsonObject err = new JsonObject(e.getMessage()).getJsonObject("error");
        assertEquals(2, err.getJsonArray("attempts").size(), err.encode());
    }

    @Test
    void streamingFallbackBeforeFirstChunkIsInvisible() throws Exception {
        up.script("a", Fault.stallAfter(0));
        Stream s = Stream.open("ab");
        assertEquals("b", ((JsonObject) s.ack.body()).getString("model"));
        assertEquals("a:timeout,b:ok", s.ack.headers().get("x-switchboard-attempts"));
        s.ended.get(10, TimeUnit.SECONDS);
        assertEquals(ANSWER, s.text());
        assertEquals("end", s.lastType());
        assertTrue(s.types().stream().noneMatch("error"::equals), s.types().toString());
    }

    @Test
    void streamCutAfterFirstChunkEndsWithOneErrorMessage() throws Exception {
        up.script("a", Fault.cutAfter(2));
        Stream s = Stream.open("ab");
        assertEquals("a", ((JsonObject) s.ack.body()).getString("model"), "attempts " + s.ack.headers().get("x-switchboard-attempts"));
        s.ended.get(10, TimeUnit.SECONDS);
        assertEquals("echo: one ", s.text());
        assertEquals("error", s.lastType());
        assertEquals(1, s.types().stream().filter(t -> !"chunk".equals(t)).count(), "one terminal message: " + s.types());
        assertTrue(((JsonObject) s.got.get(s.got.size() - 1).body()).getValue("error") instanceof JsonObject);
        assertEquals(0, up.calls("b"));
    }

    @Test
    void streamingThatCannotStartFailsTheRequestWithThePrimaryError() throws Exception {
        up.script("a", Fault.rateLimited());
        up.script("b", Fault.reset());
        String address = "test.stream." + UUID.randomUUID();
        ReplyException e = failure(Chats.body("ab", true), new DeliveryOptions().addHeader("stream-address", address));
        assertEquals(429, e.failureCode());
        JsonObject err = new JsonObject(e.getMessage()).getJsonObject("error");
        assertEquals(2, err.getJsonArray("attempts").size(), err.encode());
        assertEquals("rate_limit_exceeded", err.getString("code"));
    }

    /** A streaming request over the bus: the ack, then chunk messages and one end or error message. */
    record Stream(Message<Object> ack, List<Message<Object>> got, CompletableFuture<Void> ended) {
        static Stream open(String model) throws Exception {
            String address = "test.stream." + UUID.randomUUID();
            List<Message<Object>> got = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            vertx.eventBus().consumer(address, m -> {
                got.add(m);
                if ("chunk".equals(m.headers().get("type"))) {
                    m.reply(null); // the acknowledgement that grants the router credit for another chunk
                } else {
                    ended.complete(null);
                }
            }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            Message<Object> ack = request(Chats.body(model, true), new DeliveryOptions().addHeader("stream-address", address));
            assertEquals("started", ((JsonObject) ack.body()).getString("stream"));
            return new Stream(ack, got, ended);
        }

        List<String> types() {
            return got.stream().map(m -> m.headers().get("type")).toList();
        }

        String lastType() {
            return types().get(types().size() - 1);
        }

        String text() {
            StringBuilder text = new StringBuilder();
            got.stream().filter(m -> "chunk".equals(m.headers().get("type"))).forEach(m -> ((JsonObject) m.body())
                    .getJsonArray("choices").forEach(c -> {
                        Object content = ((JsonObject) c).getJsonObject("delta").getValue("content");
                        if (content != null) {
                            text.append(content);
                        }
                    }));
            return text.toString();
        }
    }
}
