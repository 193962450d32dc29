package dev.switchboard.tests.support;

import dev.switchboard.engine.StartOptions;
import dev.switchboard.engine.Switchboard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Switchboard node started in-process on port 0 from a YAML config, plus an HTTP client for it. */
public final class Node implements AutoCloseable {
    private final Switchboard switchboard;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Node(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /** Starts a node with the given YAML config text and optional plugin directory. */
    public static Node start(String yaml, Path pluginsDir) throws Exception {
        Path file = Files.createTempFile("switchboard-test", ".yaml");
        Files.writeString(file, yaml);
        StartOptions options = StartOptions.defaults().withConfig(file).withPort(0).withPluginsDir(pluginsDir)
                .withEnv(Map.of("TEST_KEY", "sk-test-secret")::get);
        return new Node(Switchboard.start(options).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    /** Starts a node on an existing config file (the file stays, e.g. for reload and watch tests). */
    public static Node start(Path file) throws Exception {
        StartOptions options = StartOptions.defaults().withConfig(file).withPort(0)
                .withEnv(Map.of("TEST_KEY", "sk-test-secret")::get);
        return new Node(Switchboard.start(options).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    public Switchboard switchboard() {
        return switchboard;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + switchboard.port() + path;
    }

    /** POSTs a JSON body. */
    public HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, "application/json");
    }

    /** POSTs a body with the given content type. */
    public HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a path. */
    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The entry of {@code GET /v1/decisions} (the last 50) for a request id, e.g. {@code <id>.routing-1}. */
    public JsonObject decision(String requestId) throws Exception {
        JsonArray data = new JsonObject(get("/v1/decisions?limit=50").body()).getJsonArray("data");
        for (int i = 0; i < data.size(); i++) {
            if (requestId.equals(data.getJsonObject(i).getString("request_id"))) {
                return data.getJsonObject(i);
            }
        }
        throw new AssertionError("no decision for " + requestId + " in " + data.encodePrettily());
    }

    @Override
    public void close() throws Exception {
        switchboard.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
