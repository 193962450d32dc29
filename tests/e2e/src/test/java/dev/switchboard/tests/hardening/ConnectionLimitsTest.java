package dev.switchboard.tests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connection-level protection on real sockets: header, body and idle timeouts, the connection cap,
 * codec errors in the API's error shape, and a half-closing client still served.
 */
class ConnectionLimitsTest {
    static final long HEADER_MS = 600;
    static final long IDLE_MS = 800;
    static final long BODY_MS = 800;
    static FakeOpenAi fake;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = start(1000);
    }

    /** One event loop: connections are counted in the order they are opened. */
    static Node start(int maxConnections) throws Exception {
        return Node.start("""
                server: {host: 127.0.0.1, port: 0, instances: 1, header-timeout-ms: %d, idle-timeout-ms: %d, body-timeout-ms: %d,
                         max-connections: %d}
                providers: {fake: {type: openai, base-url: "%s"}}
                models: {m-slow: {provider: fake, upstream-model: slow}}
                """.formatted(HEADER_MS, IDLE_MS, BODY_MS, maxConnections, fake.baseUrl()), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    int port() {
        return node.switchboard().port();
    }

    @Test
    void headersDrippedByteByByteAreCutOffAtTheHeaderTimeout() throws Exception {
        String request = "GET /health HTTP/1.1\r\nHost: x\r\nUser-Agent: slowloris\r\nAccept: */*\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa\r\n";
        try (RawHttp c = new RawHttp(port())) {
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < request.length() && !closed; i++) {
                closed = !c.send(request.substring(i, i + 1)) || c.readUntilClosed(100).closed();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(closed, "the server closed the dripping connection before the headers were complete (" + ms + " ms)");
            assertTrue(ms >= HEADER_MS - 50, "not before the header timeout: " + ms + " ms");
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheHeaderTimeout() throws Exception {
        try (RawHttp c = new RawHttp(port())) {
            assertTrue(c.readUntilClosed(HEADER_MS + 5000).closed(), "a connection that never sends a request is closed");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawHttp c = new RawHttp(port())) {
            c.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
            long start = System.nanoTime();
            RawHttp.Read r = c.readUntilClosed(IDLE_MS + 5000);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, r.status(), r.text());
            assertTrue(r.closed(), "closed once idle");
            assertTrue(ms >= IDLE_MS - 50, "kept alive for the idle timeout first: " + ms + " ms");
        }
    }

    @Test
    void aBodyThatDoesNotArriveGets408InTheErrorShape() throws Exception {
        try (RawHttp c = new RawHttp(port())) {
            c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"model\":");
            RawHttp.Read r = c.readUntilClosed(BODY_MS + 5000);
            assertEquals(408, r.status(), r.text());
            assertTrue(r.closed());
            JsonObject error = new JsonObject(r.body()).getJsonObject("error");
            assertEquals("request_timeout", error.getString("code"));
            assertTrue(error.getString("message").contains("server.body-timeout-ms"), error.getString("message"));
        }
    }

    @Test
    void beyondMaxConnectionsARequestGets503WithRetryAfter() throws Exception {
        try (Node capped = start(3)) {   // a node of its own: the other tests' connections do not count against its cap
            beyondTheCap(capped.switchboard().port());
        }
    }

    private void beyondTheCap(int port) throws Exception {
        RawHttp[] held = new RawHttp[3];
        try {
            for (int i = 0; i < held.length; i++) {   // three keep-alive connections, each served once: the cap is reached
                held[i] = new RawHttp(port);
                held[i].send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, held[i].readResponse(5000).status());
            }
            try (RawHttp over = new RawHttp(port)) {
                over.send("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Read r = over.readUntilClosed(5000);
                assertEquals(503, r.status(), r.text());
                assertNotNull(r.header("retry-after"), r.text());
                assertEquals("too_many_connections", new JsonObject(r.body()).getJsonObject("error").getString("code"));
                assertTrue(r.closed(), "the refused connection is closed");
            }
        } finally {
            for (RawHttp h : held) {
                if (h != null) {
                    h.close();
                }
            }
        }
        assertEquals(200, pollStatus(port, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"), "served again once connections closed");
    }

    /** The status of a request on a fresh connection, retried until connections closed by the client are counted out. */
    private static int pollStatus(int port, String request) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        int status = -1;
        while (System.currentTimeMillis() < deadline && status != 200) {
            try (RawHttp c = new RawHttp(port)) {
                c.send(request);
                status = c.readResponse(5000).status();
            }
        }
        return status;
    }

    @Test
    void codecErrorsAreAnsweredInTheErrorShape() throws Exception {
        assertCodecError("BLAH\r\n\r\n", 400, null);
        assertCodecError("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long");
        assertCodecError("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n", 431, "headers_too_large");
        assertCodecError("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\nContent-Length: 13\r\n\r\n{}", 400, null);
        assertCodecError("GET /health HTTP/9.9\r\nHost: x\r\n\r\n", 400, "unsupported_http_version"); // Vert.x alone: bodiless 501
        assertCodecError("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 400, null);                          // vertx-web alone: text/plain 404
    }

    @Test
    void anUnknownMethodGetsAnApiError() throws Exception {
        try (RawHttp c = new RawHttp(port())) {
            c.send("BREW /v1/models HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Read r = c.readResponse(5000);
            assertTrue(r.status() >= 400 && r.status() < 500, r.text());
            assertTrue(new JsonObject(r.body()).getJsonObject("error").getString("message").contains("BREW"), r.text());
        }
    }

    private void assertCodecError(String request, int status, String code) throws Exception {
        try (RawHttp c = new RawHttp(port())) {
            c.send(request);
            RawHttp.Read r = c.readUntilClosed(5000);
            assertEquals(status, r.status(), r.text());
            assertTrue(r.header("content-type").startsWith("application/json"), r.text());
            JsonObject error = new JsonObject(r.body()).getJsonObject("error");
            assertEquals(code, error.getString("code"));
            assertFalse(error.getString("message").isBlank());
            assertTrue(r.closed());
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestGetsTheUpstreamAnswer() throws Exception {
        String body = "{\"model\":\"m-slow\",\"messages\":[{\"role\":\"user\",\"content\":\"half closed\"}]}";
        try (RawHttp c = new RawHttp(port())) {
            c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            c.shutdownOutput();
            RawHttp.Read r = c.readUntilClosed(10_000);
            assertEquals(200, r.status(), r.text());
            assertTrue(r.body().contains("echo: half closed"), r.text());
            assertTrue(r.closed(), "the server closes the connection once the half-closed client has its answer");
        }
    }
}
