package dev.switchboard.tests.tracing;

import static dev.switchboard.tests.resilience.Chats.model;
import static dev.switchboard.tests.resilience.Chats.poll;
import static dev.switchboard.tests.resilience.Chats.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.resilience.Chats;
import dev.switchboard.tests.resilience.FaultyUpstream;
import dev.switchboard.tests.resilience.Fault;
import dev.switchboard.tests.support.Node;
import dev.switchboard.tests.tracing.OtlpReceiver.ReceivedSpan;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry traces end to end, against an in-process OTLP/HTTP collector ({@link OtlpReceiver}):
 * the request, routing and attempt spans of a request that falls back, their GenAI attributes and
 * cost, the {@code traceparent} the upstream receives, a caller's trace continued over HTTP and the
 * event bus, a stream's usage and a cancelled stream, and a collector that is down.
 */
class TracingTest {
    static final HexFormat HEX = HexFormat.of();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String RESILIENCE = "{max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000,"
            + " stream-stall-timeout-ms: 20000, breaker: {failure-threshold: 1000, reset-timeout-ms: 1000}}";

    static FaultyUpstream up;
    static OtlpReceiver collector;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        up = new FaultyUpstream();
        collector = new OtlpReceiver();
        node = Node.start(config(collector.endpoint(), ""), null);
        Chats.warmUp(node, "a");
        Chats.warmUp(node, "b");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        collector.close();
        up.close();
    }

    @BeforeEach
    void clean() {
        up.clear();
    }

    /** Models {@code a} and {@code b} (1 and 2 USD per million tokens in and out), route {@code ab}, traces to {@code endpoint}. */
    static String config(String endpoint, String tracingExtra) {
        return Chats.config(up, 5000, RESILIENCE, model("a") + model("b"), route("ab", "a", "b"))
                + "tracing: {enabled: true, endpoint: \"%s\", service-name: switchboard-test, %s batch: {schedule-delay-ms: 20}}\n"
                .formatted(endpoint, tracingExtra);
    }

    @Test
    void aFallbackShowsTheRequestTheRoutingAndOneSpanPerAttempt() throws Exception {
        up.script("a", Fault.unavailable());
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        HttpResponse<String> r = post("/v1/chat/completions", Chats.body("ab", false), traceparent(traceId, callerSpan));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("a:503,b:ok", r.headers().firstValue("x-switchboard-attempts").orElse(null));

        List<ReceivedSpan> spans = awaitTrace(traceId, 4);
        ReceivedSpan request = only(spans, "SPAN_KIND_SERVER");
        assertEquals(callerSpan, request.parentSpanId(), "the request span continues the caller's traceparent");
        assertEquals("chat ab", request.name());
        assertEquals("switchboard-test", request.service());
        ReceivedSpan routing = spans.stream().filter(s -> s.name().equals("route")).findFirst().orElseThrow();
        assertEquals(request.spanId(), routing.parentSpanId());
        assertEquals("ab", routing.attr("switchboard.route"));
        assertEquals(List.of("a", "b"), routing.attr("switchboard.candidates"));

        List<ReceivedSpan> attempts = attempts(spans);
        assertEquals(2, attempts.size(), "one span per attempt: " + spans);
        ReceivedSpan failed = attempts.get(0);
        ReceivedSpan served = attempts.get(1);
        attempts.forEach(a -> assertEquals(request.spanId(), a.parentSpanId(), "attempts are children of the request span"));
        assertEquals("a", failed.attr("switchboard.model"));
        assertEquals(503L, failed.attr("http.response.status_code"));
        assertNotEquals("ok", failed.attr("switchboard.outcome"));
        assertEquals(failed.attr("switchboard.outcome"), failed.attr("error.type"), "the attempt's error kind");
        assertEquals("STATUS_CODE_ERROR", failed.statusCode());
        assertEquals("b", served.attr("switchboard.model"));
        assertEquals("ok", served.attr("switchboard.outcome"));
        assertEquals("openai", served.attr("gen_ai.system"));
        assertEquals("b", served.attr("gen_ai.request.model"));

        assertEquals("chat", request.attr("gen_ai.operation.name"));
        assertEquals("ab", request.attr("gen_ai.request.model"));
        assertEquals("b", request.attr("gen_ai.response.model"));
        assertEquals("openai", request.attr("gen_ai.system"));
        assertEquals((long) FaultyUpstream.PROMPT_TOKENS, request.attr("gen_ai.usage.input_tokens"));
        assertEquals((long) FaultyUpstream.COMPLETION_TOKENS, request.attr("gen_ai.usage.output_tokens"));
        double cost = (FaultyUpstream.PROMPT_TOKENS * 1.0 + FaultyUpstream.COMPLETION_TOKENS * 2.0) / 1e6;
        assertEquals(cost, (Double) request.attr("switchboard.cost_usd"), 1e-12);
        assertEquals(cost, Double.parseDouble(r.headers().firstValue("x-switchboard-cost-usd").orElseThrow()), 1e-12);
        assertEquals("ab", request.attr("switchboard.route"));
        assertEquals("fixed", request.attr("switchboard.router"));
        assertEquals(2L, request.attr("switchboard.attempts"));
        assertEquals(1L, request.attr("switchboard.fallbacks"));
        assertEquals(200L, request.attr("switchboard.status"));

        // each upstream call carries its own attempt span's context, in the caller's trace
        assertEquals(List.of(traceparent(traceId, failed.spanId())), up.traceparents("a"));
        assertEquals(List.of(traceparent(traceId, served.spanId())), up.traceparents("b"));
    }

    @Test
    void theEventBusDoorContinuesTheCallersTraceparent() throws Exception {
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        Message<Object> reply = node.switchboard().vertx().eventBus()
                .request("switchboard.chat", Chats.body("a", false), new DeliveryOptions().addHeader("traceparent", traceparent(traceId, callerSpan)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("a", reply.headers().get("x-switchboard-model"));
        List<ReceivedSpan> spans = awaitTrace(traceId, 3);
        ReceivedSpan request = only(spans, "SPAN_KIND_SERVER");
        assertEquals(callerSpan, request.parentSpanId());
        ReceivedSpan attempt = only(spans, "SPAN_KIND_CLIENT");
        assertEquals(List.of(traceparent(traceId, attempt.spanId())), up.traceparents("a"));
    }

    @Test
    void aStreamedRequestsSpanCarriesItsUsage() throws Exception {
        String traceId = randomHex(16);
        HttpResponse<String> r = post("/v1/chat/completions", Chats.body("a", true), traceparent(traceId, randomHex(8)));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().endsWith("data: [DONE]\n\n"), r.body());
        List<ReceivedSpan> spans = awaitTrace(traceId, 3);
        ReceivedSpan request = only(spans, "SPAN_KIND_SERVER");
        assertEquals(true, request.attr("switchboard.stream"));
        assertEquals((long) FaultyUpstream.PROMPT_TOKENS, request.attr("gen_ai.usage.input_tokens"));
        assertEquals((long) FaultyUpstream.COMPLETION_TOKENS, request.attr("gen_ai.usage.output_tokens"));
        assertTrue((Double) request.attr("switchboard.cost_usd") > 0, request.attributes().toString());
        assertEquals(200L, request.attr("switchboard.status"));
        assertTrue(request.attributes().containsKey("switchboard.time_to_first_token_ms"), request.attributes().toString());
        assertEquals("ok", only(spans, "SPAN_KIND_CLIENT").attr("switchboard.outcome"));
    }

    @Test
    void aCancelledStreamsSpanSaysClientCancelled() throws Exception {
        up.script("a", Fault.stallAfter(2));
        String traceId = randomHex(16);
        byte[] body = Chats.body("a", true).encode().getBytes(StandardCharsets.UTF_8);
        try (Socket client = new Socket("127.0.0.1", node.switchboard().port())) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                    + "traceparent: " + traceparent(traceId, randomHex(8)) + "\r\ncontent-length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!seen.toString().contains("echo")) {
                int n = in.read(buf);
                assertTrue(n > 0, "the stream started: " + seen);
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            client.setSoLinger(true, 0); // the client leaves mid-stream: reset
        }
        assertTrue(poll(10_000, () -> collector.trace(traceId).size() >= 3), "spans: " + collector.trace(traceId)
                + "; last decision: " + node.get("/v1/decisions?limit=1").body());
        List<ReceivedSpan> spans = awaitTrace(traceId, 3);
        ReceivedSpan request = only(spans, "SPAN_KIND_SERVER");
        assertEquals("client_cancelled", request.attr("error.type"));
        assertEquals(499L, request.attr("switchboard.status"));
        assertEquals("a", request.attr("gen_ai.response.model"));
        assertEquals("client_cancelled", only(spans, "SPAN_KIND_CLIENT").attr("error.type"), "the stream's attempt ends with it");
    }

    @Test
    void aCollectorThatIsDownNeitherFailsNorSlowsRequestsAndDroppedSpansAreCounted() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            deadPort = s.getLocalPort();
        }
        try (Node dark = Node.start(config("http://127.0.0.1:" + deadPort + "/v1/traces", "export-timeout-ms: 30000,")
                .replace("batch: {schedule-delay-ms: 20}", "batch: {max-queue-size: 4, max-export-batch-size: 2, schedule-delay-ms: 20}"), null)) {
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(dark.url("/v1/chat/completions")))
                        .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                        .header("traceparent", traceparent(randomHex(16), randomHex(8)))
                        .POST(HttpRequest.BodyPublishers.ofString(Chats.body("a", false).encode())).build(), HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, r.statusCode(), r.body());
                slowest = i == 0 ? 0 : Math.max(slowest, ms); // the first call opens the upstream connection
            }
            assertTrue(slowest < 1000, "no request waits for the collector: slowest took " + slowest + " ms");
            assertTrue(poll(10_000, () -> tracing(dark).getLong("spans_dropped") > 0), "dropped spans counted: " + tracing(dark));
            assertEquals(0L, tracing(dark).getLong("spans_exported"));
            String metrics = dark.get("/metrics").body();
            assertTrue(metrics.contains("switchboard_tracing_spans_total{outcome=\"dropped\"}"), "on /metrics too");
        }
    }

    static JsonObject tracing(Node n) {
        try {
            return new JsonObject(n.get("/health").body()).getJsonObject("tracing");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String path, JsonObject body, String traceparent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code count} spans of the trace arrived, then a moment more to be sure no other comes. */
    static List<ReceivedSpan> awaitTrace(String traceId, int count) throws Exception {
        assertTrue(poll(10_000, () -> collector.trace(traceId).size() >= count), "spans of trace " + traceId + ": "
                + collector.trace(traceId));
        poll(200, () -> collector.trace(traceId).size() > count);
        List<ReceivedSpan> spans = collector.trace(traceId);
        assertEquals(count, spans.size(), "spans of the trace: " + spans);
        return spans;
    }

    static ReceivedSpan only(List<ReceivedSpan> spans, String kind) {
        List<ReceivedSpan> of = spans.stream().filter(s -> s.kind().equals(kind)).toList();
        assertEquals(1, of.size(), kind + " spans: " + spans);
        return of.get(0);
    }

    static List<ReceivedSpan> attempts(List<ReceivedSpan> spans) {
        return spans.stream().filter(s -> s.kind().equals("SPAN_KIND_CLIENT"))
                .sorted(Comparator.comparingLong(s -> (Long) s.attr("switchboard.attempt"))).toList();
    }

    static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zero (an invalid id)
        return HEX.formatHex(b);
    }
}
