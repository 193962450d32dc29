package dev.switchboard.tests.frontdoors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
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

/** The event-bus equivalents of /v1/embeddings and /v1/responses: switchboard.embeddings and switchboard.responses. */
class FrontDoorBusTest {
    static FakeOpenAi fake;
    static Node node;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(Configs.frontDoors(fake), null);
        vertx = node.switchboard().vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    private static Message<Object> request(String address, JsonObject body, DeliveryOptions options) throws Exception {
        return vertx.eventBus().request(address, body, options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ReplyException failure(String address, JsonObject body, DeliveryOptions options) throws Exception {
        Throwable t = vertx.eventBus().request(address, body, options).toCompletionStage().toCompletableFuture()
                .handle((m, e) -> e).get(10, TimeUnit.SECONDS);
        while (t != null && !(t instanceof ReplyException)) {
            t = t.getCause();
        }
        return (ReplyException) t;
    }

    @Test
    void embeddingsOverTheBus() throws Exception {
        Message<Object> reply = request("switchboard.embeddings", new JsonObject().put("model", "embed").put("input", "bus text"),
                new DeliveryOptions());
        JsonObject body = (JsonObject) reply.body();
        assertEquals(8, body.getJsonArray("data").getJsonObject(0).getJsonArray("embedding").size());
        assertEquals("emb", reply.headers().get("x-switchboard-model"));
        assertTrue(reply.headers().get("x-switchboard-attempts").startsWith("emb-500:"), reply.headers().get("x-switchboard-attempts"));
        ReplyException e = failure("switchboard.embeddings", new JsonObject().put("model", "m-ok").put("input", "x"), new DeliveryOptions());
        assertEquals(400, e.failureCode());
        assertTrue(e.getMessage().contains("embeddings"), e.getMessage());
    }

    @Test
    void responsesOverTheBusThenReadAndDeleteByAction() throws Exception {
        Message<Object> reply = request("switchboard.responses", new JsonObject().put("model", "m-ok").put("input", "bus turn"),
                new DeliveryOptions());
        JsonObject response = (JsonObject) reply.body();
        String id = response.getString("id");
        assertEquals("echo: bus turn", response.getJsonArray("output").getJsonObject(0).getJsonArray("content").getJsonObject(0)
                .getString("text"));
        JsonObject read = (JsonObject) request("switchboard.responses", new JsonObject().put("id", id),
                new DeliveryOptions().addHeader("action", "get")).body();
        assertEquals(id, read.getString("id"));
        assertEquals(true, ((JsonObject) request("switchboard.responses", new JsonObject().put("id", id),
                new DeliveryOptions().addHeader("action", "delete")).body()).getBoolean("deleted"));
        assertEquals(404, failure("switchboard.responses", new JsonObject().put("id", id),
                new DeliveryOptions().addHeader("action", "get")).failureCode());
    }

    @Test
    void streamedResponseEventsGoToTheStreamAddressInOrderAndAreAcknowledged() throws Exception {
        String address = "test.responses." + UUID.randomUUID();
        List<JsonObject> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, m -> {
            events.add(m.body());
            String type = m.headers().get("type");
            if (!"error".equals(type)) {
                m.reply(null); // the acknowledgement: flow control, as for chat chunks
            }
            if ("response.completed".equals(type) || "error".equals(type)) {
                done.complete(null);
            }
        });
        consumer.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        Message<Object> started = request("switchboard.responses", new JsonObject().put("model", "m-ok").put("input", "bus stream")
                .put("stream", true), new DeliveryOptions().addHeader("stream-address", address));
        assertEquals("started", ((JsonObject) started.body()).getString("stream"));
        done.get(10, TimeUnit.SECONDS);
        consumer.unregister();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).getInteger("sequence_number"));
            if ("response.output_text.delta".equals(events.get(i).getString("type"))) {
                text.append(events.get(i).getString("delta"));
            }
        }
        assertEquals("echo: bus stream", text.toString());
        String id = ((JsonObject) started.body()).getString("id");
        // stored before the last event was sent: a continuation can follow at once
        Message<Object> next = request("switchboard.responses", new JsonObject().put("model", "m-ok").put("previous_response_id", id)
                .put("input", "and again"), new DeliveryOptions());
        assertEquals(id, ((JsonObject) next.body()).getString("previous_response_id"));
    }
}
