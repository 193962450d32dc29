package dev.switchboard.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that echo the credentials Switchboard sent them, in each provider's error format, on a
 * 401, a 400 and mid-stream: no secret reaches the client (JSON or SSE), the log, {@code /v1/decisions}
 * or {@code /v1/stats}. Two keys are plain strings (found as configured secrets), one has the
 * {@code sk-ant-} shape, and a custom header is secret by its name.
 */
class UpstreamSecretRedactionTest {
    static final String OPENAI_KEY = "oa-plain-secret-7f3a9c1d";
    static final String HEADER_SECRET = "hdr-secret-55aa11";
    static final String ANTHROPIC_KEY = "sk-ant-api03-FakeAnthropicSecret1234";
    static final String GEMINI_KEY = "gm-plain-secret-9b8e7d";
    static final List<String> SECRETS = List.of(OPENAI_KEY, HEADER_SECRET, ANTHROPIC_KEY, GEMINI_KEY);
    static final Logger ROOT = Logger.getLogger("");
    static final Logger OURS = Logger.getLogger("dev.switchboard");
    static final List<String> logged = new CopyOnWriteArrayList<>();
    static final Handler capture = new Handler() {
        final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            StringWriter stack = new StringWriter();
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(stack));
            }
            logged.add(format.formatMessage(r) + " " + stack);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static Level oursBefore;
    static EchoingUpstream upstream;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        capture.setLevel(Level.ALL);
        ROOT.addHandler(capture);
        oursBefore = OURS.getLevel();
        OURS.setLevel(Level.FINE); // attempt failures are logged at FINE: capture them too
        upstream = new EchoingUpstream();
        String root = upstream.root();
        node = Node.start("""
                server: {host: 127.0.0.1, port: 0, instances: 1}
                providers:
                  oa: {type: openai, base-url: "%s/v1", api-key: "%s", headers: {x-org: acme, x-custom-token: "%s"}}
                  an: {type: anthropic, base-url: "%s", api-key: "%s"}
                  gm: {type: gemini, base-url: "%s/v1beta", api-key: "%s"}
                models:
                  oa-e401: {provider: oa, upstream-model: e401}
                  oa-e400: {provider: oa, upstream-model: e400}
                  oa-mid: {provider: oa, upstream-model: midstream}
                  an-e401: {provider: an, upstream-model: e401}
                  an-e400: {provider: an, upstream-model: e400}
                  an-mid: {provider: an, upstream-model: midstream}
                  gm-e401: {provider: gm, upstream-model: e401}
                  gm-e400: {provider: gm, upstream-model: e400}
                  gm-mid: {provider: gm, upstream-model: midstream}
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(root, OPENAI_KEY, HEADER_SECRET, root, ANTHROPIC_KEY, root, GEMINI_KEY), null);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            node.close();
            upstream.close();
        } finally {
            ROOT.removeHandler(capture);
            OURS.setLevel(oursBefore);
        }
    }

    static String chat(String model, boolean stream) {
        return new JsonObject().put("model", model).put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi"))).encode();
    }

    static void assertNoSecret(String where, String text) {
        for (String s : SECRETS) {
            assertFalse(text.contains(s), where + " leaks " + s + ": " + text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oa", "an", "gm"})
    void upstream401And400AreAnsweredWithoutTheirSecrets(String provider) throws Exception {
        for (String failure : List.of("e401", "e400")) {
            for (boolean stream : List.of(false, true)) {
                int calls = upstream.calls.get();
                HttpResponse<String> r = node.post("/v1/chat/completions", chat(provider + "-" + failure, stream));
                String where = provider + "-" + failure + (stream ? " streaming" : "");
                assertEquals(calls + 1, upstream.calls.get(), where + ": the upstream was called");
                assertEquals("e401".equals(failure) ? 401 : 400, r.statusCode(), where + ": " + r.body());
                String message = new JsonObject(r.body()).getJsonObject("error").getString("message");
                assertNoSecret(where, r.body());
                assertTrue(message.contains("credential *** rejected"), where + ": the echo arrived, redacted: " + message);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oa", "an", "gm"})
    void anErrorEventMidStreamReachesTheClientWithoutSecrets(String provider) throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", chat(provider + "-mid", true));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("partial"), "the content before the error was streamed: " + r.body());
        assertTrue(r.body().contains("\"error\"") && r.body().contains("***"), "an error event, redacted: " + r.body());
        assertNoSecret(provider + " stream", r.body());
    }

    @Test
    void recordsAndLogsHoldNoSecret() throws Exception {
        for (String provider : List.of("oa", "an", "gm")) {
            node.post("/v1/chat/completions", chat(provider + "-e401", false));
            node.post("/v1/chat/completions", chat(provider + "-mid", true));
        }
        HttpResponse<String> decisions = node.get("/v1/decisions?limit=100");
        assertEquals(200, decisions.statusCode());
        assertTrue(decisions.body().contains("oa-e401"), decisions.body());
        assertNoSecret("/v1/decisions", decisions.body());
        HttpResponse<String> stats = node.get("/v1/stats");
        assertEquals(200, stats.statusCode());
        assertNoSecret("/v1/stats", stats.body());
        assertTrue(logged.stream().anyMatch(l -> l.contains("credential *** rejected")), "the upstream's errors were logged (redacted): " + logged);
        for (String line : logged) {
            assertNoSecret("the log", line);
        }
    }
}
