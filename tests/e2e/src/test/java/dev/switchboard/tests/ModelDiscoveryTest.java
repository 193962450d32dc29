package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Node;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ollama model discovery at start-up, and a router that still starts when Ollama is down. */
class ModelDiscoveryTest {
    static final String TAGS = """
            {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"2025-05-04T17:37:44.706015396-07:00",
              "size":2019393189,"digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
              "details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],"parameter_size":"3.2B","quantization_level":"Q4_K_M"}}]}""";

    @Test
    void discoveredModelsJoinTheCatalog() throws Exception {
        Vertx vertx = Vertx.vertx();
        java.util.concurrent.atomic.AtomicReference<String> tags = new java.util.concurrent.atomic.AtomicReference<>(TAGS);
        try {
            HttpServer ollama = vertx.createHttpServer().requestHandler(req -> {
                if ("/api/tags".equals(req.path())) {
                    req.response().putHeader("content-type", "application/json").end(tags.get());
                } else {
                    req.response().setStatusCode(404).end("{\"error\":\"not found\"}");
                }
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            String yaml = """
                    server: {port: 0}
                    providers:
                      local: {type: ollama, base-url: "http://127.0.0.1:%d", discover: true}
                      down: {type: ollama, base-url: "http://127.0.0.1:9", discover: true}
                    """.formatted(ollama.actualPort());
            try (Node node = Node.start(yaml, null)) {
                HttpResponse<String> r = node.get("/v1/models");
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("\"local/llama3.2:latest\""), r.body());
                JsonObject plan = new JsonObject(node.post("/v1/route", HttpApiTest.chat("local/llama3.2:latest", "hi")).body());
                assertEquals("local/llama3.2:latest", plan.getString("model"), plan.encode());

                tags.set(TAGS.replace("llama3.2:latest", "qwen3:4b"));
                HttpResponse<String> refreshed = node.post("/v1/models/refresh", "");
                assertEquals(200, refreshed.statusCode(), refreshed.body());
                assertTrue(refreshed.body().contains("\"local/qwen3:4b\""), refreshed.body());
                assertTrue(!refreshed.body().contains("llama3.2"), "a model gone upstream leaves the catalog: " + refreshed.body());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
