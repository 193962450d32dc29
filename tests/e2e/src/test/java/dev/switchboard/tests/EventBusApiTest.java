package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
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
import org.junit.jupiter.api.Test;

/** The event-bus API: request/reply, failures as ReplyException, and the streaming scheme. */
class EventBusApiTest {
    static FakeOpenAi fake;
    static Node node;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(Configs.openAi(fake), null);
        vertx = node.switchboard().vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    @Test
    void requestReplyGivesTheOpenAiResponse() throws Exception {
        Message<Object> reply = vertx.eventBus().request("switchboard.chat", new JsonObject(HttpApiTest.chat("m-ok", "over the bus")))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        JsonObject body = (JsonObject) reply.body();
        assertEquals("echo: over the bus", body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("m-ok", reply.headers().get("x-switchboard-model"));
    }

    @Test
    void failureIsReplyExceptionWithStatusAndOpenAiJson() throws Exception {
        CompletableFuture<Message<Object>> f = vertx.eventBus().<Object>request("switchboard.chat",
                new JsonObject(HttpApiTest.chat("nope", "x"))).toCompletionStage().toCompletableFuture();
        Throwable t = f.handle((m, e) -> e).get(10, TimeUnit.SECONDS);
        while (t.getCause() != null && !(t instanceof ReplyException)) {
            t = t.getCause();
        }
        ReplyException e = (ReplyException) t;
        assertEquals(404, e.failureCode());
        assertTrue(new JsonObject(e.getMessage()).getJsonObject("error").getString("message").contains("does not exist"));
    }

    @Test
    void streamingSendsChunksThenEnd() throws Exception {
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
        JsonObject req = new JsonObject(HttpApiTest.chat("m-ok", "bus stream")).put("stream", true);
        Message<Object> ack = vertx.eventBus().request("switchboard.chat", req, new DeliveryOptions().addHeader("stream-address", address))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("started", ((JsonObject) ack.body()).getString("stream"));
        ended.get(10, TimeUnit.SECONDS);
        StringBuilder text = new StringBuilder();
        got.stream().filter(m -> "chunk".equals(m.headers().get("type"))).forEach(m -> ((JsonObject) m.body()).getJsonArray("choices")
                .forEach(c -> {
                    Object content = ((JsonObject) c).getJsonObject("delta").getValue("content");
                    if (content != null) {
                        text.append(content);
                    }
                }));
        assertEquals("echo: bus stream", text.toString());
        Message<Object> last = got.get(got.size() - 1);
        assertEquals("end", last.headers().get("type"));
        assertEquals(17, ((JsonObject) last.body()).getJsonObject("usage").getInteger("total_tokens"));
    }

    @Test
    void streamingWithoutAddressIsRejected() throws Exception {
        JsonObject req = new JsonObject(HttpApiTest.chat("m-ok", "x")).put("stream", true);
        Throwable t = vertx.eventBus().request("switchboard.chat", req).toCompletionStage().toCompletableFuture()
                .handle((m, e) -> e).get(10, TimeUnit.SECONDS);
        while (t.getCause() != null && !(t instanceof ReplyException)) {
            t = t.getCause();
        }
        assertEquals(400, ((ReplyException) t).failureCode());
        assertTrue(t.getMessage().contains("stream-address"));
    }

    @Test
    void routeExplanationOverTheBus() throws Exception {
        Message<Object> reply = vertx.eventBus().request("switchboard.route", new JsonObject(HttpApiTest.chat("pinned", "x")))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("fixed", ((JsonObject) reply.body()).getString("router"));
    }
}
