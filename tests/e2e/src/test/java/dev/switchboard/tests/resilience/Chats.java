package dev.switchboard.tests.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Request bodies, SSE parsing, config text and polling shared by the resilience and tracing tests. */
public final class Chats {
    /** The user text of every request: five words, so a stream has five content chunks. */
    public static final String TEXT = "one two three four";
    public static final String ANSWER = "echo: " + TEXT;

    private Chats() {
    }

    public static JsonObject body(String model, boolean stream) {
        JsonObject b = new JsonObject().put("model", model)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", TEXT)));
        return stream ? b.put("stream", true) : b;
    }

    public static HttpResponse<String> chat(Node node, String model, boolean stream) throws Exception {
        return node.post("/v1/chat/completions", body(model, stream).encode());
    }

    static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    static JsonObject error(HttpResponse<String> r) {
        JsonObject body = new JsonObject(r.body());
        assertTrue(body.getValue("error") instanceof JsonObject, "an OpenAI error body: " + r.body());
        return body.getJsonObject("error");
    }

    static String content(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    }

    /**
     * A parsed SSE body.
     *
     * @param chunks the chunk events, in order
     * @param errors the {@code {"error": ...}} events
     * @param done   whether the body ends with {@code data: [DONE]}
     * @param order  "c" per chunk, "e" per error, "d" for DONE, in arrival order
     */
    record Sse(List<JsonObject> chunks, List<JsonObject> errors, boolean done, String order) {

        static Sse parse(String body) {
            List<JsonObject> chunks = new ArrayList<>();
            List<JsonObject> errors = new ArrayList<>();
            StringBuilder order = new StringBuilder();
            for (String event : body.split("\n\n")) {
                if (event.isBlank()) {
                    continue;
                }
                if (!event.startsWith("data: ")) {
                    fail("not an SSE data event: '" + event + "' in " + body);
                }
                String data = event.substring(6);
                if (data.equals("[DONE]")) {
                    order.append('d');
                    continue;
                }
                JsonObject json = new JsonObject(data);
                if (json.containsKey("error")) {
                    errors.add(json.getJsonObject("error"));
                    order.append('e');
                } else {
                    chunks.add(json);
                    order.append('c');
                }
            }
            return new Sse(chunks, errors, body.endsWith("data: [DONE]\n\n"), order.toString());
        }

        /** The content deltas joined. */
        String text() {
            StringBuilder text = new StringBuilder();
            chunks.forEach(c -> c.getJsonArray("choices").forEach(o -> {
                Object content = ((JsonObject) o).getJsonObject("delta").getValue("content");
                if (content != null) {
                    text.append(content);
                }
            }));
            return text.toString();
        }

        /** Asserts a complete, error-free stream of {@link #ANSWER} served by {@code model}. */
        void assertClean(String model) {
            assertTrue(errors.isEmpty(), "no error events: " + errors);
            assertTrue(done, "ends with [DONE]");
            assertTrue(order.matches("c+d"), "chunks then one [DONE]: " + order);
            assertEquals(ANSWER, text());
            chunks.forEach(c -> assertEquals(model, c.getString("model"), "every chunk is from the serving model"));
        }
    }

    /**
     * Sends plain and streaming requests through {@code model} until three of each succeeded, so
     * the JIT, the upstream pool and the connections are warm: on a busy machine a cold first call
     * can outlast the suite's short timeouts.
     */
    public static void warmUp(Node node, String model) throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            int ok = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (ok < 3 && System.currentTimeMillis() < deadline) {
                if (chat(node, model, stream).statusCode() == 200) {
                    ok++;
                }
            }
            assertEquals(3, ok, "warm-up of " + model + (stream ? " (stream)" : ""));
        }
    }

    /**
     * The state {@code GET /circuit-breakers} lists for {@code model} ("closed" when not listed), or
     * a description of why it could not be read; for polling.
     */
    static String breakerState(Node node, String model) {
        try {
            HttpResponse<String> r = node.get("/circuit-breakers");
            if (r.statusCode() != 200) {
                return "GET /circuit-breakers: " + r.statusCode();
            }
            for (Object o : new JsonObject(r.body()).getJsonArray("breakers")) {
                JsonObject b = (JsonObject) o;
                if (model.equals(b.getString("model"))) {
                    return b.getString("state");
                }
            }
            return "closed";
        } catch (Exception | AssertionError e) {
            return "unreadable: " + e;
        }
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code timeoutMs} passes. */
    public static boolean poll(long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    /**
     * A config with two providers on {@code up}: {@code up} with a per-call timeout and
     * {@code up-nt} without; {@code models} and {@code routes} are YAML lines indented two spaces.
     */
    public static String config(FaultyUpstream up, long callTimeoutMs, String resilience, String models, String routes) {
        return """
                server: {host: 127.0.0.1, port: 0, instances: 2}
                providers:
                  up: {type: openai, base-url: "%s", api-key: "${TEST_KEY}", timeout-ms: %d}
                  up-nt: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                models:
                %s
                routes:
                %s
                resilience: %s
                """.formatted(up.baseUrl(), callTimeoutMs, up.baseUrl(), models.stripTrailing(),
                routes.isBlank() ? "  {}" : routes.stripTrailing(), resilience);
    }

    /** One catalog model line on provider {@code up}; the upstream model name is the id. */
    public static String model(String id, int contextWindow, double inPrice, double outPrice) {
        return "  %s: {provider: up, upstream-model: %s, context-window: %d, input-price: %s, output-price: %s}\n"
                .formatted(id, id, contextWindow, inPrice, outPrice);
    }

    public static String model(String id) {
        return model(id, 128000, 1.0, 2.0);
    }

    /** A {@code fixed} route over {@code models}. */
    public static String route(String name, String... models) {
        return "  %s: {router: fixed, options: {models: [%s]}}\n".formatted(name, String.join(", ", models));
    }
}
