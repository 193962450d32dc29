package dev.switchboard.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.metrics.DecisionLog;
import dev.switchboard.engine.pipeline.RequestRecord;
import dev.switchboard.engine.resilience.Attempt;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DecisionStream} on a real socket: a reader gets every decision; a reader that stops reading is dropped. */
class DecisionStreamTest {
    static Vertx vertx;
    static HttpServer server;
    static DecisionLog log;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        log = new DecisionLog(100, null);
        Router router = Router.router(vertx);
        router.get("/v1/decisions/stream").handler(new DecisionStream(log));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static RequestRecord record(int i) {
        return new RequestRecord("req-stream-test-" + i, System.currentTimeMillis(), "auto", "fixed", "fixed: chain " + "m-a>".repeat(60),
                Map.of("tier", "simple"), "m-a", "p", List.of(new Attempt("m-a", "ok", 200, 3)), 4, null, new Usage(10, 5, 0, null),
                0.0001, 200, null, false, "team");
    }

    static Socket subscribe(int receiveBuffer) throws Exception {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);   // before connecting, so the window stays small
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.actualPort()), 5000);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/decisions/stream HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    static void await(BooleanSupplier condition, long ms, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aReaderGetsEveryDecisionInOrder() throws Exception {
        int before = log.subscribers();
        try (Socket socket = subscribe(0)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", in.readLine());
            await(() -> log.subscribers() == before + 1, 5000, "subscribed");
            AtomicInteger received = new AtomicInteger();
            AtomicReference<String> problem = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("data: {\"time\"")) {
                            String id = new JsonObject(line.substring(6)).getString("request_id");
                            if (!id.equals("req-stream-test-" + received.get())) {
                                problem.compareAndSet(null, "expected decision " + received.get() + ", got " + id);
                            }
                            received.incrementAndGet();
                        } else if (line.startsWith("event: dropped")) {
                            problem.compareAndSet(null, "a reader that keeps up was dropped");
                        }
                    }
                } catch (Exception e) {
                    // the socket closes at the end of the test
                }
            });
            reader.start();
            int sent = 0;
            for (int batch = 0; batch < 20; batch++) {
                for (int i = 0; i < 100; i++) {
                    log.completed(record(sent++));
                }
                int expected = sent;
                await(() -> received.get() == expected || problem.get() != null, 20_000, expected + " decisions received");
            }
            assertEquals(null, problem.get());
            assertEquals(2000, received.get());
            assertEquals(before + 1, log.subscribers(), "still subscribed");
        }
        await(() -> log.subscribers() == before, 5000, "unsubscribed after the client closed");
    }

    @Test
    void aReaderThatStopsReadingIsDroppedNotBuffered() throws Exception {
        int before = log.subscribers();
        // a receive buffer below loopback's MSS (64 KiB) stalls the reading phase on zero-window probes
        // for minutes (receiver silly-window avoidance): small enough to fill, large enough to drain
        try (Socket socket = subscribe(128 * 1024)) {
            await(() -> log.subscribers() == before + 1, 5000, "subscribed");
            int sent = 0;
            long slowest = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (log.subscribers() > before) {   // we never read: the node must give up on us
                assertTrue(System.currentTimeMillis() < deadline, "still subscribed after " + sent + " decisions");
                for (int i = 0; i < 100; i++) {
                    long t0 = System.nanoTime();
                    log.completed(record(sent++));
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                }
                Thread.sleep(1);
            }
            assertTrue(slowest < TimeUnit.MILLISECONDS.toNanos(500), "recording a decision never waits for the reader ("
                    + slowest / 1_000_000 + " ms)");
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int received = 0;
            boolean dropped = false;
            for (String line; !dropped && (line = in.readLine()) != null; ) {
                received += line.startsWith("event: decision") ? 1 : 0;
                dropped = line.startsWith("event: dropped");
            }
            assertTrue(dropped, "the stream says it dropped us");
            assertTrue(received < sent, "decisions past the bound were not buffered: " + received + " of " + sent);
            assertFalse(sent > 1_000_000, "dropped within a bounded number of decisions");
        }
    }
}
