package dev.switchboard.tests.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Node;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flow control and cancellation end to end, on real sockets: a slow reader pauses the upstream
 * instead of filling the router's heap; a client that resets (streaming or not) makes the router
 * hang up on the upstream at once, start no fallback, and record the request as 499
 * {@code client_cancelled} with its tokens and cost; an event-bus consumer that stops acknowledging
 * is cut off with {@code consumer_too_slow}.
 */
class StreamFlowControlTest {
    static final int WRITE_QUEUE_BYTES = 65_536;
    static final int BUS_WINDOW = 4;
    static final long BUS_ACK_TIMEOUT_MS = 1_000;
    /**
     * Kernel socket buffers on the way: the router's upstream receive buffer (32 KiB, doubled by
     * Linux), its client send buffer (128 KiB, doubled), the fake's and the client's small ones,
     * Vert.x's inbound queue. Without flow control the router pulls the whole 50 MB (on a loaded
     * machine, as much as it can decode in the time: 14 MB seen).
     */
    static final long SOCKET_SLACK = 2L * 1024 * 1024;
    /** What a full GC cannot make exact in a JVM that also runs the test, the fake and the client. */
    static final long HEAP_SLACK = 8L * 1024 * 1024;

    static StreamingUpstream up;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        up = new StreamingUpstream();
        node = Node.start(config(""), null);
    }

    /** The node's config; {@code auth} is an extra top-level YAML block (or empty). */
    static String config(String auth) {
        String models = "  claude-big: {provider: anth, upstream-model: claude-big, context-window: 200000, input-price: 3.0, output-price: 15.0}\n";
        for (String m : new String[] {"big", "big-bus", "big-tpm", "small", "hang", "endless-line", "endless-line-first", "pings"}) {
            // the endless lines must reach the line limit before the (short) stall timeout, on a loaded machine too
            String resilience = m.startsWith("endless") ? ", resilience: {stream-stall-timeout-ms: 30000, first-token-timeout-ms: 30000}" : "";
            models += "  %s: {provider: up, upstream-model: %s, context-window: 128000, input-price: 1.0, output-price: 2.0%s}\n"
                    .formatted(m, m, resilience);
        }
        return """
                server: {host: 127.0.0.1, port: 0, instances: 1, stream-write-queue-bytes: %d}
                event-bus: {stream-window: %d, stream-ack-timeout-ms: %d}
                providers:
                  up: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                  anth: {type: anthropic, base-url: "%s", api-key: "${TEST_KEY}"}
                models:
                %s
                routes:
                  hang-then-small: {router: fixed, options: {models: [hang, small]}}
                  endless-then-small: {router: fixed, options: {models: [endless-line-first, small]}}
                resilience: {max-retries: 0, request-timeout-ms: 60000, first-token-timeout-ms: 20000, stream-stall-timeout-ms: 1500,
                  breaker: {failure-threshold: 1000, reset-timeout-ms: 1000}}
                %s
                """.formatted(WRITE_QUEUE_BYTES, BUS_WINDOW, BUS_ACK_TIMEOUT_MS, up.baseUrl(), up.baseUrl().replace("/v1", ""),
                models.stripTrailing(), auth);
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

    /** Pass-through (OpenAI upstream) and translated (Anthropic upstream) streams alike. */
    @ParameterizedTest
    @ValueSource(strings = {"big", "claude-big"})
    void slowReaderPausesTheUpstreamAndItsResetClosesTheUpstreamConnection(String model) throws Exception {
        long heapBefore = usedHeapAfterGc();
        String id = UUID.randomUUID().toString();
        Socket client = open(node, body(model, true), id, null);
        long read = readSlowly(client);
        long sent = up.bytesSent(model);
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        System.out.printf("slow reader of %s: read %d B, upstream sent %d B of %d, heap growth %d B%n", model, read, sent,
                StreamingUpstream.BIG_BYTES, heapGrowth);
        assertTrue(sent < WRITE_QUEUE_BYTES + SOCKET_SLACK, "the upstream was paused: it sent " + sent + " B while the client read " + read);
        assertTrue(heapGrowth < WRITE_QUEUE_BYTES + HEAP_SLACK, "the router holds no more than its bound: heap grew " + heapGrowth + " B");

        long resetAt = System.nanoTime();
        reset(client);
        assertTrue(poll(2_000, () -> up.closedAt(model) != null), "the upstream connection is closed after the client reset");
        System.out.printf("upstream closed %.1f ms after the client reset%n", (up.closedAt(model) - resetAt) / 1e6);
        JsonObject d = decision(id);
        assertEquals(499, d.getInteger("status"));
        assertEquals("client_cancelled", d.getString("error_code"));
        assertEquals(model, d.getString("model"));
        assertTrue(d.getInteger("output_tokens") > 0, "tokens of the text sent are estimated: " + d);
        assertTrue(d.getDouble("cost_usd") > 0, "and priced: " + d);
        assertTrue(poll(2_000, () -> inFlight() == 0), "the in-flight gauge is released");
    }

    @Test
    void cancelledStreamsCountAgainstTheKeysTokensPerMinute() throws Exception {
        String key = "sb-capped-" + UUID.randomUUID();
        try (Node capped = Node.start(config("auth: {keys: [{name: capped, key-sha256: %s, tpm: 2000}]}"
                .formatted(dev.switchboard.engine.auth.KeyAuthenticator.sha256(key))), null)) {
            String id = UUID.randomUUID().toString();
            Socket client = open(capped, body("big-tpm", true), id, key);
            byte[] buf = new byte[16_384];
            long read = 0;
            while (read < 32_768) {
                int n = client.getInputStream().read(buf);
                assertTrue(n > 0);
                read += n;
            }
            reset(client);
            assertTrue(poll(2_000, () -> up.closedAt("big-tpm") != null), "the upstream connection is closed");
            assertTrue(poll(5_000, () -> decisionIn(capped, id) != null), "the cancelled stream was recorded");
            assertTrue(decisionIn(capped, id).getInteger("output_tokens") > 2000, decisionIn(capped, id).toString());
            HttpResponse<String> next = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(capped.url("/v1/chat/completions")))
                    .header("content-type", "application/json").header("authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofString(body("small", false).encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, next.statusCode(), "the aborted stream's tokens count against tpm: " + next.body());
            assertTrue(next.body().contains("tokens per minute"), next.body());
        }
    }

    /** Chat completions and the Responses API alike. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions", "/v1/responses"})
    void nonStreamingClientResetClosesTheSlowUpstreamAndStartsNoFallback(String path) throws Exception {
        String id = UUID.randomUUID().toString();
        JsonObject request = path.equals("/v1/responses") ? responsesBody("hang-then-small", false) : body("hang-then-small", false);
        Socket client = open(node, path, request, id, null);
        assertTrue(poll(5_000, () -> up.arrivedAt("hang") != null), "the upstream call went out");
        long resetAt = System.nanoTime();
        reset(client);
        assertTrue(poll(2_000, () -> up.closedAt("hang") != null), "the upstream connection is closed after the client reset");
        System.out.printf("non-streaming: upstream closed %.1f ms after the client reset%n", (up.closedAt("hang") - resetAt) / 1e6);
        JsonObject d = decision(id);
        assertEquals(499, d.getInteger("status"));
        assertEquals("client_cancelled", d.getString("error_code"));
        assertEquals("hang", d.getString("model"));
        assertTrue(d.getInteger("input_tokens") > 0, "the prompt the upstream took is counted: " + d);
        assertTrue(d.getDouble("cost_usd") > 0, d.toString());
        JsonArray attempts = d.getJsonArray("attempts");
        assertEquals(1, attempts.size(), "no fallback for a client that is gone: " + attempts);
        assertEquals("client_cancelled", attempts.getJsonObject(0).getString("outcome"), attempts.toString());
        assertNull(up.arrivedAt("small"), "the fallback model was never called");
    }

    @Test
    void busConsumerThatStopsAcknowledgingIsCutOffAndTheUpstreamClosed() throws Exception {
        String id = UUID.randomUUID().toString();
        List<Message<Object>> got = unacknowledgedStream("switchboard.chat", body("big-bus", true), id,
                m -> !"chunk".equals(m.headers().get("type")));
        long endAt = System.nanoTime();
        Message<Object> end = got.get(got.size() - 1);
        assertEquals("error", end.headers().get("type"));
        assertEquals("consumer_too_slow", ((JsonObject) end.body()).getJsonObject("error").getString("code"), end.body().toString());
        assertEquals(BUS_WINDOW, got.size() - 1, "no more chunks than the window were sent unacknowledged");
        assertTrue(poll(2_000, () -> up.closedAt("big-bus") != null), "the upstream connection is closed");
        System.out.printf("bus: upstream closed %.1f ms after the consumer_too_slow message arrived%n", (up.closedAt("big-bus") - endAt) / 1e6);
        assertTrue(up.bytesSent("big-bus") < SOCKET_SLACK, "the upstream was paused: it sent " + up.bytesSent("big-bus") + " B");
        JsonObject d = decision(id);
        assertEquals(499, d.getInteger("status"));
        assertEquals("client_cancelled", d.getString("error_code"));
    }

    @Test
    void endlessLineAfterContentEndsTheStreamWithAnErrorAndCountsAgainstTheBreaker() throws Exception {
        long before = breakerFailures("endless-line");
        String sse = node.post("/v1/chat/completions", body("endless-line", true).encode()).body();
        assertTrue(sse.contains("\"content\":\"Hello\""), sse.length() > 2000 ? sse.substring(0, 2000) : sse);
        assertTrue(sse.contains("longer than 1048576 bytes"), "a clear error event: " + tail(sse));
        assertTrue(sse.endsWith("data: [DONE]\n\n"), tail(sse));
        assertTrue(poll(2_000, () -> up.closedAt("endless-line") != null), "the upstream connection is closed");
        assertEquals(before + 1, breakerFailures("endless-line"), "the breaker counted it");
    }

    @Test
    void endlessLineBeforeContentFallsBackInvisibly() throws Exception {
        var r = node.post("/v1/chat/completions", body("endless-then-small", true).encode());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"content\":\"Hello\"") && r.body().contains(" there") && !r.body().contains("\"error\""), r.body());
        String attempts = r.headers().firstValue("x-switchboard-attempts").orElse("");
        assertTrue(attempts.startsWith("endless-line-first:malformed_response"), attempts);
    }

    @Test
    void neverEndingKeepAliveCommentsAreAStall() throws Exception {
        long before = breakerFailures("pings");
        String sse = node.post("/v1/chat/completions", body("pings", true).encode()).body();
        assertTrue(sse.contains("stalled: no data for 1500 ms"), sse);
        assertTrue(sse.endsWith("data: [DONE]\n\n"), sse);
        assertEquals(before + 1, breakerFailures("pings"));
    }

    /** The Responses API's streams have the chat streams' flow control and cancellation (one HttpEventSink). */
    @Test
    void responsesStreamSlowReaderPausesTheUpstreamAndItsResetCancelsIt() throws Exception {
        String id = UUID.randomUUID().toString();
        Socket client = open(node, "/v1/responses", responsesBody("big", true), id, null);
        long read = readSlowly(client);
        long sent = up.bytesSent("big");
        assertTrue(sent < WRITE_QUEUE_BYTES + SOCKET_SLACK, "the upstream was paused: it sent " + sent + " B while the client read " + read);
        reset(client);
        assertTrue(poll(2_000, () -> up.closedAt("big") != null), "the upstream connection is closed after the client reset");
        JsonObject d = decision(id);
        assertEquals(499, d.getInteger("status"));
        assertEquals("client_cancelled", d.getString("error_code"));
        assertTrue(poll(2_000, () -> inFlight() == 0), "the in-flight gauge is released");
    }

    @Test
    void responsesBusConsumerThatStopsAcknowledgingIsCutOff() throws Exception {
        String id = UUID.randomUUID().toString();
        List<Message<Object>> got = unacknowledgedStream("switchboard.responses", responsesBody("big-bus", true), id,
                m -> "error".equals(m.headers().get("type")));
        Message<Object> end = got.get(got.size() - 1);
        assertEquals("consumer_too_slow", ((JsonObject) end.body()).getString("code"), end.body().toString());
        // one upstream read may turn into several events (response.created, ..., the first delta): the window is
        // checked after each read, so the bound is the upstream's pause, not an exact count
        assertTrue(got.size() - 1 >= BUS_WINDOW, "the window was used before the sink counted as full: " + got.size());
        assertTrue(poll(2_000, () -> up.closedAt("big-bus") != null), "the upstream connection is closed");
        assertTrue(up.bytesSent("big-bus") < SOCKET_SLACK, "the upstream was paused: it sent " + up.bytesSent("big-bus") + " B");
        JsonObject d = decision(id);
        assertEquals(499, d.getInteger("status"));
        assertEquals("client_cancelled", d.getString("error_code"));
    }

    /**
     * Streams {@code body} through the event-bus front door {@code frontDoor} to a consumer that
     * never acknowledges; returns the messages it got once {@code isLast} matched one (the last).
     */
    private static List<Message<Object>> unacknowledgedStream(String frontDoor, JsonObject body, String requestId,
                                                              java.util.function.Predicate<Message<Object>> isLast) throws Exception {
        Vertx vertx = node.switchboard().vertx();
        String address = "test.slow-consumer." + UUID.randomUUID();
        List<Message<Object>> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, m -> {
            got.add(m); // never replies: no credit comes back
            if (isLast.test(m)) {
                ended.complete(null);
            }
        });
        consumer.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        try {
            Message<Object> ack = vertx.eventBus().request(frontDoor, body,
                    new DeliveryOptions().addHeader("stream-address", address).addHeader("x-request-id", requestId))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals("started", ((JsonObject) ack.body()).getString("stream"));
            ended.get(BUS_ACK_TIMEOUT_MS + 10_000, TimeUnit.MILLISECONDS);
            return List.copyOf(got);
        } finally {
            consumer.unregister();
        }
    }

    private static JsonObject responsesBody(String model, boolean stream) {
        return new JsonObject().put("model", model).put("stream", stream).put("store", false).put("input", "Tell me a long story about the sea");
    }

    private static JsonObject body(String model, boolean stream) {
        return new JsonObject().put("model", model).put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "Tell me a long story about the sea")));
    }

    /** A raw HTTP/1.1 client with a small receive buffer, so the router's own bound is what is measured. */
    private static Socket open(Node target, JsonObject body, String requestId, String key) throws Exception {
        return open(target, "/v1/chat/completions", body, requestId, key);
    }

    private static Socket open(Node target, String path, JsonObject body, String requestId, String key) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", target.switchboard().port()), 5_000);
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nx-request-id: " + requestId
                + (key == null ? "" : "\r\nAuthorization: Bearer " + key) + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        return s;
    }

    /** Reads 1 KB a second for 6 s, as a slow client does; returns the bytes read. */
    private static long readSlowly(Socket client) throws Exception {
        InputStream in = client.getInputStream();
        byte[] buf = new byte[1024];
        long read = 0;
        for (int second = 0; second < 6; second++) {
            int n = in.read(buf);
            assertTrue(n > 0, "the stream is flowing");
            read += n;
            Thread.sleep(1000);
        }
        return read;
    }

    /** Closes with a TCP reset, as a killed client does. */
    private static void reset(Socket s) throws Exception {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static JsonObject decision(String requestId) throws Exception {
        JsonObject[] found = new JsonObject[1];
        poll(5_000, () -> (found[0] = decisionIn(node, requestId)) != null);
        assertNotNull(found[0], "a decision was recorded for " + requestId);
        return found[0];
    }

    /** The decision of a request on {@code target}, or null (not yet, or unreadable). */
    private static JsonObject decisionIn(Node target, String requestId) {
        try {
            for (Object o : new JsonObject(target.get("/v1/decisions?limit=100").body()).getJsonArray("data")) {
                if (requestId.equals(((JsonObject) o).getString("request_id"))) {
                    return (JsonObject) o;
                }
            }
        } catch (Exception e) {
            // not readable yet
        }
        return null;
    }

    /** {@code switchboard_requests_in_flight} from {@code GET /metrics}, or -1 when unreadable. */
    private static long inFlight() {
        try {
            for (String line : node.get("/metrics").body().split("\n")) {
                if (line.startsWith("switchboard_requests_in_flight ")) {
                    return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
                }
            }
        } catch (Exception e) {
            // unreadable
        }
        return -1;
    }

    private static long breakerFailures(String model) throws Exception {
        for (Object o : new JsonObject(node.get("/circuit-breakers").body()).getJsonArray("breakers")) {
            if (model.equals(((JsonObject) o).getString("model"))) {
                return ((JsonObject) o).getLong("failures");
            }
        }
        return 0;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String tail(String s) {
        return s.length() > 600 ? s.substring(s.length() - 600) : s;
    }

    private static boolean poll(long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
