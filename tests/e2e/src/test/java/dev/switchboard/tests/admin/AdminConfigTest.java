package dev.switchboard.tests.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.StartOptions;
import dev.switchboard.engine.Switchboard;
import dev.switchboard.tests.support.FakeOpenAi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The admin config API: categories, model mappings, rejected changes, redacted config, reload under traffic. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConfigTest {
    static FakeOpenAi fake;
    static Switchboard node;
    static Path file;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static String yaml(String extraModel) {
        return """
                server: {port: 0}
                providers: {fake: {type: openai, base-url: "%s", api-key: sk-very-secret-key}}
                models:
                  m-code: {provider: fake, upstream-model: up-code}
                  m-chat: {provider: fake, upstream-model: up-chat}
                  m-legal: {provider: fake, upstream-model: up-legal}
                %s
                routes:
                  task:
                    router: keyword
                    options:
                      categories:
                        code: {models: [m-code]}
                        conversation: {models: [m-chat]}
                      default-category: conversation
                """.formatted(fake.baseUrl(), extraModel);
    }

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        file = Files.createTempFile("switchboard-admin", ".yaml");
        Files.writeString(file, yaml(""));
        node = Switchboard.start(StartOptions.defaults().withConfig(file).withPort(0).withEnv(Map.<String, String>of()::get))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        fake.close();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String served(String text) throws Exception {
        HttpResponse<String> r = send("POST", "/v1/chat/completions", new JsonObject().put("model", "task")
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", text))).encode());
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("x-switchboard-model").orElseThrow();
    }

    @Test
    @Order(1)
    void addACategoryThenRouteToIt() throws Exception {
        assertEquals("m-chat", served("please review this contract and the lawsuit risk"));
        HttpResponse<String> r = send("POST", "/config/category",
                "{\"name\": \"legal\", \"keywords\": [\"contract\", \"lawsuit\"], \"models\": [\"m-legal\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("m-legal", served("please review this contract and the lawsuit risk"));
    }

    @Test
    @Order(2)
    void anInvalidChangeIsRejectedWithItsKeyPathAndNothingApplies() throws Exception {
        JsonObject before = new JsonObject(send("GET", "/config", null).body()).getJsonObject("overlay");
        HttpResponse<String> r = send("POST", "/config/category", "{\"name\": \"bad\", \"keywords\": [\"x\"], \"models\": [\"ghost\"]}");
        assertEquals(400, r.statusCode(), r.body());
        JsonObject err = new JsonObject(r.body()).getJsonObject("error");
        assertTrue(err.getString("param").startsWith("routes.task.options.categories"), err.encode());
        assertTrue(err.getString("message").contains("ghost"), err.encode());
        assertEquals(before, new JsonObject(send("GET", "/config", null).body()).getJsonObject("overlay"));
        assertEquals(400, send("POST", "/config/model-mapping", "{\"models\": [\"m-code\"]}").statusCode(), "category or tier is required");
        assertEquals(404, send("POST", "/config/category", "{\"route\": \"nope\", \"name\": \"x\", \"models\": [\"m-code\"]}").statusCode());
    }

    @Test
    @Order(3)
    void modelMappingAndDelete() throws Exception {
        assertEquals("m-code", served("my python function has a bug in the regex"));
        assertEquals(200, send("POST", "/config/model-mapping", "{\"category\": \"code\", \"models\": [\"m-legal\", \"m-code\"]}").statusCode());
        assertEquals("m-legal", served("my python function has a bug in the regex"));
        assertEquals(200, send("DELETE", "/config/category/legal", null).statusCode());
        assertEquals("m-chat", served("please review this contract and the lawsuit risk"));
        assertEquals(404, send("DELETE", "/config/category/legal", null).statusCode());
    }

    @Test
    @Order(4)
    void configIsShownRedacted() throws Exception {
        HttpResponse<String> r = send("GET", "/config", null);
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains("sk-very-secret-key"), r.body());
        assertTrue(r.body().contains("***"));
        JsonObject providers = new JsonObject(send("GET", "/providers", null).body());
        assertEquals("fake", providers.getJsonArray("providers").getJsonObject(0).getString("id"));
    }

    @Test
    @Order(5)
    void reloadWhileRequestsFlowLosesNone() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                try {
                    if (served("hello there, how are you today").startsWith("m-")) {
                        ok.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failed.incrementAndGet();
                }
            }
        });
        traffic.start();
        try {
            while (ok.get() < 20) {
                Thread.onSpinWait();
            }
            Files.writeString(file, yaml("  m-new: {provider: fake, upstream-model: up-new}"));
            HttpResponse<String> r = send("POST", "/config/reload", null);
            assertEquals(200, r.statusCode(), r.body());
            int after = ok.get();
            while (ok.get() < after + 20) {
                Thread.onSpinWait();
            }
        } finally {
            running.set(false);
            traffic.join(10_000);
        }
        assertEquals(0, failed.get(), "no request fails during a reload");
        assertTrue(send("GET", "/v1/models", null).body().contains("\"m-new\""));
        Files.writeString(file, "models: [broken");
        HttpResponse<String> bad = send("POST", "/config/reload", null);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(send("GET", "/v1/models", null).body().contains("\"m-new\""), "a bad file changes nothing");
    }
}
