package dev.switchboard.tests.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A fake OpenAI Chat Completions upstream on 127.0.0.1 (port 0) speaking the real wire format:
 * {@code chat.completion} bodies, SSE chunks ending in {@code data: [DONE]} with the usage chunk
 * (empty {@code choices}) when {@code stream_options.include_usage} is set, and OpenAI error bodies.
 * The upstream model name picks the behaviour: {@code ok}, {@code err400}, {@code err401},
 * {@code err429}, {@code err500}, {@code err503} (overloaded), {@code ctx} (context_length_exceeded), {@code slow} (answers after 1.5 s),
 * {@code slower} (after 3 s), {@code slowstream} (streams one word every 300 ms, about 3 s in all).
 * It records every request.
 */
public final class FakeOpenAi implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> overrides = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One received call.
     *
     * @param path    request path
     * @param headers lower-cased header names to values
     * @param body    the JSON body
     * @param raw     the body as it arrived
     */
    public record Received(String path, JsonObject headers, JsonObject body, String raw) {
    }

    public FakeOpenAi() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** From now on, answer calls for upstream model {@code model} as if it were {@code behaviour} (e.g. err500, slow, ok). */
    public void behave(String model, String behaviour) {
        overrides.put(model, behaviour);
    }

    /** How many calls upstream model {@code model} received. */
    public long calls(String model) {
        return received.stream().filter(r -> model.equals(r.body().getString("model"))).count();
    }

    /** The base URL to configure, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    public List<Received> received() {
        return received;
    }

    /** The last call whose model was {@code model}. */
    public Received last(String model) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (model.equals(received.get(i).body().getString("model"))) {
                return received.get(i);
            }
        }
        throw new AssertionError("upstream got no call for model " + model + "; got " + received);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(buf -> {
            JsonObject body = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
            JsonObject headers = new JsonObject();
            req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
            received.add(new Received(req.path(), headers, body, buf.toString()));
            if (!"/v1/chat/completions".equals(req.path())) {
                error(req, 404, "Not found: " + req.path(), "invalid_request_error", null);
                return;
            }
            respond(req, body);
        });
    }

    private void respond(HttpServerRequest req, JsonObject body) {
        String model = body.getString("model", "");
        switch (overrides.getOrDefault(model, model)) {
            case "err400" -> error(req, 400, "Invalid value for 'temperature': must be <= 2.", "invalid_request_error", "invalid_value");
            case "err401" -> error(req, 401, "Incorrect API key provided: sk-****.", "invalid_request_error", "invalid_api_key");
            case "err429" -> {
                req.response().putHeader("retry-after", "0");
                error(req, 429, "Rate limit reached for requests", "requests", "rate_limit_exceeded");
            }
            case "err500" -> error(req, 500, "The server had an error while processing your request.", "server_error", null);
            case "err503" -> error(req, 503, "The engine is currently overloaded, please try again later.", "server_error", null);
            case "ctx" -> error(req, 400, "This model's maximum context length is 8192 tokens.", "invalid_request_error", "context_length_exceeded");
            case "slow" -> vertx.setTimer(1500, id -> complete(req, body));
            case "slower" -> vertx.setTimer(3000, id -> complete(req, body));
            case "slowstream" -> slowStream(req, body);
            default -> {
                if (body.getBoolean("stream", false)) {
                    stream(req, body);
                } else {
                    complete(req, body);
                }
            }
        }
    }

    /** The answer text: "echo: " + the last user message's text. */
    public static String answerFor(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        Object content = messages.getJsonObject(messages.size() - 1).getValue("content");
        String text = content instanceof String ? (String) content : "parts";
        return "echo: " + text;
    }

    private void complete(HttpServerRequest req, JsonObject body) {
        JsonObject resp = new JsonObject().put("id", "chatcmpl-fake1").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", body.getString("model")).put("system_fingerprint", "fp_fake")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", answerFor(body)).put("refusal", null))
                        .put("logprobs", null).put("finish_reason", "stop")))
                .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17)
                        .put("prompt_tokens_details", new JsonObject().put("cached_tokens", 0)));
        req.response().putHeader("content-type", "application/json").end(resp.encode());
    }

    private void stream(HttpServerRequest req, JsonObject body) {
        String model = body.getString("model");
        var resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        String text = answerFor(body);
        resp.write(event(chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null)));
        for (String piece : text.split("(?<= )")) {
            resp.write(event(chunk(model, new JsonObject().put("content", piece), null)));
        }
        resp.write(event(chunk(model, new JsonObject(), "stop")));
        JsonObject so = body.getJsonObject("stream_options");
        if (so != null && so.getBoolean("include_usage", false)) {
            resp.write(event(new JsonObject().put("id", "chatcmpl-fake2").put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                    .put("model", model).put("choices", new JsonArray())
                    .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17))));
        }
        resp.end("data: [DONE]\n\n");
    }

    /** The answer "w0 w1 ... w9", one SSE chunk every 300 ms, then [DONE]. */
    private void slowStream(HttpServerRequest req, JsonObject body) {
        String model = body.getString("model");
        var resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write(event(chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null)));
        int[] sent = {0};
        vertx.setPeriodic(300, id -> {
            if (resp.closed()) {
                vertx.cancelTimer(id);
            } else if (sent[0] < 10) {
                resp.write(event(chunk(model, new JsonObject().put("content", (sent[0] == 0 ? "w" : " w") + sent[0]), null)));
                sent[0]++;
            } else {
                vertx.cancelTimer(id);
                resp.write(event(chunk(model, new JsonObject(), "stop")));
                resp.end("data: [DONE]\n\n");
            }
        });
    }

    private static JsonObject chunk(String model, JsonObject delta, String finish) {
        return new JsonObject().put("id", "chatcmpl-fake2").put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                .put("model", model).put("system_fingerprint", "fp_fake")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta).put("logprobs", null)
                        .put("finish_reason", finish)));
    }

    private static Buffer event(JsonObject json) {
        return Buffer.buffer("data: " + json.encode() + "\n\n");
    }

    private static void error(HttpServerRequest req, int status, String message, String type, String code) {
        JsonObject err = new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .put("param", null).put("code", code));
        req.response().setStatusCode(status).putHeader("content-type", "application/json").end(err.encode());
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
