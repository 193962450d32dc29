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
 * {@code slower} (after 3 s), {@code slowstream} (streams one word every 300 ms, about 3 s in all),
 * {@code tools} (calls the first tool when the last message is the user's, else echoes the tool's output),
 * and the poor answers of {@link PoorAnswers} ({@code empty}, {@code truncated}, {@code refuse}, ...).
 * {@code POST /v1/embeddings} answers OpenAI's {@code list} of {@code embedding} objects (vectors
 * derived from the text, {@code dimensions} honoured, usage = words); {@code POST /v1/responses}
 * answers a Responses API {@code response} object ("native: " + the last user text).
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
            String behaviour = overrides.getOrDefault(body.getString("model", ""), body.getString("model", ""));
            if ("/v1/embeddings".equals(req.path()) && !failure(req, behaviour)) {
                embeddings(req, body);
            } else if ("/v1/responses".equals(req.path()) && !failure(req, behaviour)) {
                nativeResponse(req, body);
            } else if ("/v1/chat/completions".equals(req.path())) {
                respond(req, body);
            } else if (!req.response().ended()) {
                error(req, 404, "Not found: " + req.path(), "invalid_request_error", null);
            }
        });
    }

    /** Answers the error behaviours on any endpoint; false when the behaviour is not an error. */
    private static boolean failure(HttpServerRequest req, String behaviour) {
        switch (behaviour) {
            case "err400" -> error(req, 400, "Invalid value for 'temperature': must be <= 2.", "invalid_request_error", "invalid_value");
            case "err500" -> error(req, 500, "The server had an error while processing your request.", "server_error", null);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A deterministic vector for a text: a user can check which input each vector belongs to. */
    public static float[] vectorFor(String text, int dimensions) {
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            v[i] = (text.length() + i) / 64f;
        }
        return v;
    }

    private static void embeddings(HttpServerRequest req, JsonObject body) {
        Object input = body.getValue("input");
        JsonArray texts = input instanceof String ? new JsonArray().add(input) : (JsonArray) input;
        int dims = body.getInteger("dimensions", 8);
        JsonArray data = new JsonArray();
        int words = 0;
        for (int i = 0; i < texts.size(); i++) {
            Object t = texts.getValue(i);
            String text = t instanceof String ? (String) t : t.toString();
            words += text.split("\\s+").length;
            JsonArray values = new JsonArray();
            for (float f : vectorFor(text, dims)) {
                values.add(f);
            }
            data.add(new JsonObject().put("object", "embedding").put("index", i).put("embedding", values));
        }
        JsonObject resp = new JsonObject().put("object", "list").put("data", data).put("model", body.getString("model"))
                .put("usage", new JsonObject().put("prompt_tokens", words).put("total_tokens", words));
        req.response().putHeader("content-type", "application/json").end(resp.encode());
    }

    private static void nativeResponse(HttpServerRequest req, JsonObject body) {
        JsonArray input = body.getJsonArray("input");
        String last = "";
        for (Object o : input) {
            JsonObject item = (JsonObject) o;
            if ("user".equals(item.getValue("role"))) {
                last = item.getValue("content") instanceof String ? item.getString("content") : "parts";
            }
        }
        String text = "native: " + last;
        JsonObject message = new JsonObject().put("type", "message").put("id", "msg_upstream1").put("status", "completed")
                .put("role", "assistant").put("content", new JsonArray().add(new JsonObject().put("type", "output_text")
                        .put("text", text).put("annotations", new JsonArray())));
        JsonObject resp = new JsonObject().put("id", "resp_upstream1").put("object", "response").put("created_at", 1_741_476_542)
                .put("status", "completed").putNull("error").putNull("incomplete_details").put("instructions", body.getValue("instructions"))
                .putNull("max_output_tokens").put("model", body.getString("model")).put("output", new JsonArray().add(message))
                .put("parallel_tool_calls", true).putNull("previous_response_id")
                .put("reasoning", new JsonObject().putNull("effort").putNull("summary")).put("store", body.getValue("store", true))
                .put("temperature", 1.0).put("text", new JsonObject().put("format", new JsonObject().put("type", "text")))
                .put("tool_choice", "auto").put("tools", new JsonArray()).put("top_p", 1.0).put("truncation", "disabled")
                .put("usage", new JsonObject().put("input_tokens", 20).put("input_tokens_details", new JsonObject().put("cached_tokens", 0))
                        .put("output_tokens", 6).put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
                        .put("total_tokens", 26))
                .putNull("user").put("metadata", new JsonObject());
        if (body.getBoolean("stream", false)) {
            streamResponse(req, resp, message, text);
            return;
        }
        req.response().putHeader("content-type", "application/json").end(resp.encode());
    }

    /** The Responses API stream: named events, each with type and sequence_number, ending with response.completed. */
    private static void streamResponse(HttpServerRequest req, JsonObject done, JsonObject message, String text) {
        var out = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        int[] seq = {0};
        java.util.function.Consumer<JsonObject> send = e -> out.write("event: " + e.getString("type") + "\ndata: "
                + e.put("sequence_number", seq[0]++).encode() + "\n\n");
        JsonObject progress = done.copy().put("status", "in_progress").put("output", new JsonArray()).putNull("usage");
        send.accept(new JsonObject().put("type", "response.created").put("response", progress));
        send.accept(new JsonObject().put("type", "response.in_progress").put("response", progress));
        JsonObject open = message.copy().put("status", "in_progress").put("content", new JsonArray());
        send.accept(new JsonObject().put("type", "response.output_item.added").put("output_index", 0).put("item", open));
        JsonObject part = new JsonObject().put("type", "output_text").put("text", "").put("annotations", new JsonArray());
        send.accept(new JsonObject().put("type", "response.content_part.added").put("item_id", "msg_upstream1").put("output_index", 0)
                .put("content_index", 0).put("part", part));
        for (String piece : text.split("(?<= )")) {
            send.accept(new JsonObject().put("type", "response.output_text.delta").put("item_id", "msg_upstream1").put("output_index", 0)
                    .put("content_index", 0).put("delta", piece).put("logprobs", new JsonArray()));
        }
        send.accept(new JsonObject().put("type", "response.output_text.done").put("item_id", "msg_upstream1").put("output_index", 0)
                .put("content_index", 0).put("text", text).put("logprobs", new JsonArray()));
        send.accept(new JsonObject().put("type", "response.content_part.done").put("item_id", "msg_upstream1").put("output_index", 0)
                .put("content_index", 0).put("part", part.copy().put("text", text)));
        send.accept(new JsonObject().put("type", "response.output_item.done").put("output_index", 0).put("item", message));
        send.accept(new JsonObject().put("type", "response.completed").put("response", done));
        out.end();
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
            case "tools" -> {
                if (!wantsToolCall(body)) {
                    if (body.getBoolean("stream", false)) {
                        stream(req, body);
                    } else {
                        complete(req, body);
                    }
                } else if (body.getBoolean("stream", false)) {
                    streamToolCall(req, body);
                } else {
                    toolCall(req, body);
                }
            }
            default -> {
                if (PoorAnswers.BEHAVIOURS.contains(overrides.getOrDefault(model, model))) {
                    PoorAnswers.answer(vertx, req, body, overrides.getOrDefault(model, model));
                } else if (body.getBoolean("stream", false)) {
                    stream(req, body);
                } else {
                    complete(req, body);
                }
            }
        }
    }

    /** The answer text: "echo: " + the last message's text. */
    public static String answerFor(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        Object content = messages.getJsonObject(messages.size() - 1).getValue("content");
        String text = content instanceof String ? (String) content : "parts";
        return "echo: " + text;
    }

    /** Whether the {@code tools} model calls a tool: tools are offered and the last message is the user's. */
    private static boolean wantsToolCall(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        return body.getJsonArray("tools") != null && "user".equals(messages.getJsonObject(messages.size() - 1).getString("role"));
    }

    private static String firstToolName(JsonObject body) {
        return body.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name");
    }

    private static void toolCall(HttpServerRequest req, JsonObject body) {
        JsonObject call = new JsonObject().put("id", "call_fake1").put("type", "function")
                .put("function", new JsonObject().put("name", firstToolName(body)).put("arguments", "{\"city\":\"Paris\"}"));
        JsonObject resp = new JsonObject().put("id", "chatcmpl-fake3").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", body.getString("model"))
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray().add(call)))
                        .put("logprobs", null).put("finish_reason", "tool_calls")))
                .put("usage", new JsonObject().put("prompt_tokens", 30).put("completion_tokens", 9).put("total_tokens", 39));
        req.response().putHeader("content-type", "application/json").end(resp.encode());
    }

    private static void streamToolCall(HttpServerRequest req, JsonObject body) {
        String model = body.getString("model");
        var resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write(event(chunk(model, new JsonObject().put("role", "assistant").putNull("content"), null)));
        resp.write(event(chunk(model, new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
                .put("id", "call_fake1").put("type", "function")
                .put("function", new JsonObject().put("name", firstToolName(body)).put("arguments", "")))), null)));
        for (String piece : new String[] {"{\"city\"", ":\"Paris\"}"}) {
            resp.write(event(chunk(model, new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
                    .put("function", new JsonObject().put("arguments", piece)))), null)));
        }
        resp.write(event(chunk(model, new JsonObject(), "tool_calls")));
        resp.write(event(new JsonObject().put("id", "chatcmpl-fake2").put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                .put("model", model).put("choices", new JsonArray())
                .put("usage", new JsonObject().put("prompt_tokens", 30).put("completion_tokens", 9).put("total_tokens", 39))));
        resp.end("data: [DONE]\n\n");
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

    static JsonObject chunk(String model, JsonObject delta, String finish) {
        return new JsonObject().put("id", "chatcmpl-fake2").put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                .put("model", model).put("system_fingerprint", "fp_fake")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta).put("logprobs", null)
                        .put("finish_reason", finish)));
    }

    static Buffer event(JsonObject json) {
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
