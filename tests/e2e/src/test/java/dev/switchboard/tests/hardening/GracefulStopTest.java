package dev.switchboard.tests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Chats;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node stopped in-process while requests are in flight on both front doors: the HTTP one and the event bus. */
class GracefulStopTest {

    /** The bus request outlasts the HTTP one: the node must not stop once its HTTP connections are drained. */
    @Test
    void closeLetsHttpAndEventBusRequestsInFlightFinish() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            Node node = Node.start("""
                    server: {host: 127.0.0.1, port: 0, instances: 2, shutdown-timeout-ms: 15000}
                    providers: {fake: {type: openai, base-url: "%s"}}
                    models:
                      m-slow: {provider: fake, upstream-model: slow}
                      m-slower: {provider: fake, upstream-model: slower}
                    """.formatted(fake.baseUrl()), null);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> overHttp = http.sendAsync(HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Chats.chat("m-slow", "via http"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            CompletableFuture<Message<Object>> overBus = node.switchboard().vertx().eventBus()
                    .<Object>request("switchboard.chat", new JsonObject(Chats.chat("m-slower", "via bus")))
                    .toCompletionStage().toCompletableFuture();
            long deadline = System.currentTimeMillis() + 10_000;
            while (fake.received().size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(2, fake.received().size(), "both requests reached the upstream");
            CompletableFuture<Void> closed = node.switchboard().close().toCompletionStage().toCompletableFuture();
            HttpResponse<String> r = overHttp.get(20, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("echo: via http"), r.body());
            JsonObject reply = (JsonObject) overBus.get(20, TimeUnit.SECONDS).body();
            assertEquals("echo: via bus", reply.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
            closed.get(20, TimeUnit.SECONDS);
        }
    }
}
