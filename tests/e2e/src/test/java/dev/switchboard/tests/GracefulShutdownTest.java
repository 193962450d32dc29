package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.FakeOpenAi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fat jar as a user runs it: starts, prints its address, and on SIGTERM lets an in-flight request finish. */
class GracefulShutdownTest {

    @Test
    void sigtermLetsInFlightRequestsFinish() throws Exception {
        Path jar = Path.of(System.getProperty("switchboard.test.jar", "../../engine/target/switchboard.jar"));
        assertTrue(Files.exists(jar), "build the jar first: " + jar.toAbsolutePath());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FakeOpenAi fake = new FakeOpenAi()) {
            Path config = Files.createTempFile("switchboard-shutdown", ".yaml");
            Files.writeString(config, """
                    server: {port: %d, shutdown-timeout-ms: 10000}
                    providers: {fake: {type: openai, base-url: "%s"}}
                    models: {slow: {provider: fake, upstream-model: slow}}
                    """.formatted(port, fake.baseUrl()));
            Process p = new ProcessBuilder("java", "-jar", jar.toString(), "--config", config.toString())
                    .redirectErrorStream(true).start();
            try {
                awaitLine(p, "listening on http://127.0.0.1:" + port);
                // HTTP/1.1 like the OpenAI SDKs; the JDK 17 client mishandles HTTP/2 GOAWAY on graceful close (JDK-8335181)
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(HttpApiTest.chat("slow", "finish me"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                long deadline = System.currentTimeMillis() + 10_000;
                while (fake.received().isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(1, fake.received().size(), "the request reached the upstream");
                p.toHandle().destroy(); // SIGTERM
                HttpResponse<String> r = inFlight.get(15, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("echo: finish me"));
                assertTrue(p.waitFor(15, TimeUnit.SECONDS), "the process exits after draining");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /**
     * Several event loops ({@code instances: 4}), each with requests in flight, plain and streaming, sent in two waves so
     * that loops finish draining at different times: on SIGTERM every one completes whole, then the process exits.
     */
    @Test
    void sigtermDrainsEveryEventLoopStreamsIncluded() throws Exception {
        Path jar = Path.of(System.getProperty("switchboard.test.jar", "../../engine/target/switchboard.jar"));
        assertTrue(Files.exists(jar), "build the jar first: " + jar.toAbsolutePath());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FakeOpenAi fake = new FakeOpenAi()) {
            Path config = Files.createTempFile("switchboard-shutdown", ".yaml");
            Files.writeString(config, """
                    server: {port: %d, instances: 4, shutdown-timeout-ms: 20000}
                    providers: {fake: {type: openai, base-url: "%s"}}
                    models:
                      slow: {provider: fake, upstream-model: slower}
                      slowstream: {provider: fake, upstream-model: slowstream}
                    """.formatted(port, fake.baseUrl()));
            Process p = new ProcessBuilder("java", "-jar", jar.toString(), "--config", config.toString())
                    .redirectErrorStream(true).start();
            try {
                awaitLine(p, "listening on http://127.0.0.1:" + port);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                java.util.List<CompletableFuture<HttpResponse<String>>> plain = new java.util.ArrayList<>();
                java.util.List<CompletableFuture<HttpResponse<String>>> streams = new java.util.ArrayList<>();
                for (int wave = 0; wave < 2; wave++) {
                    for (int i = 0; i < 6; i++) {   // 12 connections per wave over 4 loops: every loop gets some of each wave
                        plain.add(http.sendAsync(chat(port, HttpApiTest.chat("slow", "plain " + wave + "-" + i)), HttpResponse.BodyHandlers.ofString()));
                        streams.add(http.sendAsync(chat(port, HttpApiTest.chat("slowstream", "stream " + wave + "-" + i)
                                .replaceFirst("\\{", "{\"stream\":true,")), HttpResponse.BodyHandlers.ofString()));
                    }
                    awaitUpstreamCalls(fake, 12 * (wave + 1));
                    if (wave == 0) {
                        Thread.sleep(500); // the second wave starts later, so loops holding only first-wave requests drain first
                    }
                }
                p.toHandle().destroy(); // SIGTERM
                for (CompletableFuture<HttpResponse<String>> f : plain) {
                    HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode(), r.body());
                    assertTrue(r.body().contains("echo: plain"), r.body());
                }
                for (CompletableFuture<HttpResponse<String>> f : streams) {
                    HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode(), r.body());
                    assertTrue(r.body().contains("w9") && r.body().trim().endsWith("data: [DONE]"), "the whole stream: " + r.body());
                }
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process exits after draining");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static HttpRequest chat(int port, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void awaitUpstreamCalls(FakeOpenAi fake, int n) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (fake.received().size() < n && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(n, fake.received().size(), "every request reached the upstream before SIGTERM");
    }

    private static void awaitLine(Process p, String fragment) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> seen = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.contains(fragment)) {
                        return;
                    }
                }
                throw new IllegalStateException("process ended before printing '" + fragment + "'");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        seen.get(30, TimeUnit.SECONDS);
        // keep draining output so the child never blocks on a full pipe
        CompletableFuture.runAsync(() -> reader.lines().forEach(l -> { }));
    }
}
