package dev.switchboard.tests.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages API on the event bus: {@code switchboard.chat} with header {@code api: anthropic-messages}. */
class MessagesEventBusTest {
    static AnthropicNode sb;
    static Vertx vertx;
    static final DeliveryOptions ANTHROPIC = new DeliveryOptions().addHeader("api", "anthropic-messages");

    @BeforeAll
    static void start() throws Exception {
        sb = new AnthropicNode();
        vertx = sb.node.switchboard().vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
    }

    static JsonObject request(String model, String text) {
        return new JsonObject().put("model", model).put("max_tokens", 256)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
    }

    static Message<Object> ask(JsonObject body, DeliveryOptions options) throws Exception {
        return vertx.eventBus().request("switchboard.chat", body, options).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    void requestReplyTranslatedAndPassedThrough() throws Exception {
        Message<Object> gpt = ask(request("gpt", "bus hello"), ANTHROPIC);
        JsonObject m = (JsonObject) gpt.body();
        assertEquals("message", m.getString("type"));
        assertEquals("echo: bus hello", m.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("end_turn", m.getString("stop_reason"));
        assertEquals("gpt", gpt.headers().get("x-switchboard-model"));

        Message<Object> claude = ask(request("claude", "bus hello"), ANTHROPIC);
        JsonObject c = (JsonObject) claude.body();
        assertEquals("msg_fake1", c.getString("id"), "the Anthropic upstream's own message");
        assertEquals("claude-fake-4", c.getString("model"));
        assertEquals(0.000138, Double.parseDouble(claude.headers().get("x-switchboard-cost-usd")), 1e-12);
    }

    @Test
    void streamsAnthropicEventsToTheStreamAddress() throws Exception {
        for (String model : List.of("gpt", "claude")) {
            String address = "test.anthropic.stream." + UUID.randomUUID();
            List<Message<Object>> got = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            vertx.eventBus().consumer(address, msg -> {
                got.add(msg);
                if ("event".equals(msg.headers().get("type"))) {
                    msg.reply(null); // the acknowledgement: flow control
                }
                if ("message_stop".equals(msg.headers().get("event")) || "error".equals(msg.headers().get("type"))) {
                    done.complete(null);
                }
            }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            Message<Object> ack = ask(request(model, "stream on the bus").put("stream", true),
                    new DeliveryOptions(ANTHROPIC.toJson()).addHeader("api", "anthropic-messages").addHeader("stream-address", address));
            assertEquals(model, ((JsonObject) ack.body()).getString("model"));
            done.get(15, TimeUnit.SECONDS);
            List<String> events = got.stream().map(g -> g.headers().get("event")).collect(Collectors.toList());
            assertEquals("message_start", events.get(0), model + ": " + events);
            assertEquals("message_stop", events.get(events.size() - 1), model + ": " + events);
            String text = got.stream().map(g -> (JsonObject) g.body()).filter(j -> "content_block_delta".equals(j.getString("type")))
                    .map(j -> j.getJsonObject("delta").getString("text")).collect(Collectors.joining());
            assertEquals("echo: stream on the bus", text, model);
            assertTrue(got.stream().allMatch(g -> "event".equals(g.headers().get("type"))), model);
        }
    }

    @Test
    void failuresAreAnthropicErrors() throws Exception {
        ReplyException unknown = failure(request("nope", "x"), ANTHROPIC);
        assertEquals(404, unknown.failureCode());
        assertEquals("not_found_error", new JsonObject(unknown.getMessage()).getJsonObject("error").getString("type"));

        ReplyException bad = failure(request("gpt", "x").put("max_tokens", null), ANTHROPIC);
        assertEquals(400, bad.failureCode());
        assertTrue(new JsonObject(bad.getMessage()).getJsonObject("error").getString("message").startsWith("max_tokens: "), bad.getMessage());

        ReplyException noAddress = failure(request("gpt", "x").put("stream", true), ANTHROPIC);
        assertEquals(400, noAddress.failureCode());
        assertTrue(noAddress.getMessage().contains("stream-address"), noAddress.getMessage());

        ReplyException unknownApi = failure(request("gpt", "x"), new DeliveryOptions().addHeader("api", "martian"));
        assertEquals(400, unknownApi.failureCode());
        assertTrue(unknownApi.getMessage().contains("anthropic-messages"), unknownApi.getMessage());
    }

    static ReplyException failure(JsonObject body, DeliveryOptions options) throws Exception {
        try {
            ask(body, options);
        } catch (ExecutionException e) {
            return (ReplyException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
