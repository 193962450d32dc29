package dev.switchboard.tests.resilience;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable fake OpenAI Chat Completions upstream on 127.0.0.1 (port 0). The behaviour is set
 * per upstream model name at run time with {@link #script}; a model never scripted answers
 * {@link Fault#ok()}. Every call is counted and time-stamped per model on arrival.
 *
 * <p>Answers use the real wire format: {@code chat.completion} bodies whose {@code model} is the
 * upstream model, SSE streams of a role chunk, one content chunk per word of
 * {@link #answerFor}, a finish chunk, the usage chunk when asked, and {@code data: [DONE]}.
 */
public final class FaultyUpstream implements AutoCloseable {
    /** Usage every successful answer reports. */
    public static final int PROMPT_TOKENS = 12;
    public static final int COMPLETION_TOKENS = 5;

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, Deque<Fault>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> calls = new ConcurrentHashMap<>();
    private final Map<String, List<String>> traceparents = new ConcurrentHashMap<>();

    public FaultyUpstream() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The base URL to configure, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /**
     * Sets a model's behaviour: each fault is used once in order and the last one repeats, so
     * {@code script(m, serverError(), serverError(), ok())} fails twice then answers.
     */
    public void script(String model, Fault... sequence) {
        if (sequence.length == 0) {
            throw new IllegalArgumentException("sequence: give at least one fault");
        }
        scripts.put(model, new ArrayDeque<>(List.of(sequence)));
    }

    /** {@code k} times {@code fault}, then ok. */
    public void failThenOk(String model, int k, Fault fault) {
        List<Fault> seq = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            seq.add(fault);
        }
        seq.add(Fault.ok());
        script(model, seq.toArray(new Fault[0]));
    }

    /** How many calls {@code model} got. */
    public int calls(String model) {
        return callTimes(model).size();
    }

    /** Arrival times (epoch ms) of the calls for {@code model}, in order. */
    public List<Long> callTimes(String model) {
        List<Long> times = calls.get(model);
        return times == null ? List.of() : List.copyOf(times);
    }

    /** The {@code traceparent} header of each call {@code model} got, in order ("" when a call had none). */
    public List<String> traceparents(String model) {
        List<String> t = traceparents.get(model);
        return t == null ? List.of() : List.copyOf(t);
    }

    /** Forgets scripts and counters. */
    public void clear() {
        scripts.clear();
        calls.clear();
        traceparents.clear();
    }

    /** The answer text for a request: "echo: " + the last message's text. */
    public static String answerFor(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        Object content = messages.getJsonObject(messages.size() - 1).getValue("content");
        return "echo: " + (content instanceof String ? (String) content : "parts");
    }

    private Fault next(String model) {
        Deque<Fault> seq = scripts.get(model);
        if (seq == null) {
            return Fault.ok();
        }
        synchronized (seq) {
            return seq.size() > 1 ? seq.pollFirst() : seq.peekFirst();
        }
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(buf -> {
            JsonObject body = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
            String model = body.getString("model", "");
            calls.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
            String traceparent = req.getHeader("traceparent");
            traceparents.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>()).add(traceparent == null ? "" : traceparent);
            respond(req, body, next(model));
        });
    }

    private void respond(HttpServerRequest req, JsonObject body, Fault f) {
        boolean stream = body.getBoolean("stream", false);
        HttpServerResponse resp = req.response();
        switch (f.kind()) {
            case OK -> answer(req, body);
            case ERROR -> {
                f.headers().forEach(resp::putHeader);
                JsonObject err = new JsonObject().put("error", new JsonObject().put("message", f.message())
                        .put("type", f.type()).put("param", null).put("code", f.code()));
                resp.setStatusCode(f.status()).putHeader("content-type", "application/json").end(err.encode());
            }
            case SLOW_FIRST_BYTE -> vertx.setTimer(f.delayMs(), id -> {
                if (!resp.closed()) {
                    answer(req, body);
                }
            });
            case HANG -> {
                // never answer; the caller must time out
            }
            case RESET -> req.connection().close();
            case MALFORMED -> {
                if (stream) {
                    resp.putHeader("content-type", "text/event-stream").end("data: {not json\n\ndata: [DONE]\n\n");
                } else {
                    resp.putHeader("content-type", "application/json").end("{not json");
                }
            }
            case CUT, STALL, END_EARLY, ERROR_EVENT -> partial(req, body, f);
            default -> throw new IllegalStateException("unknown fault " + f);
        }
    }

    private void answer(HttpServerRequest req, JsonObject body) {
        if (body.getBoolean("stream", false)) {
            stream(req, body);
        } else {
            complete(req, body);
        }
    }

    private void complete(HttpServerRequest req, JsonObject body) {
        JsonObject resp = new JsonObject().put("id", "chatcmpl-faulty").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", body.getString("model"))
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", answerFor(body)))
                        .put("logprobs", null).put("finish_reason", "stop")))
                .put("usage", usage());
        req.response().putHeader("content-type", "application/json").end(resp.encode());
    }

    private void stream(HttpServerRequest req, JsonObject body) {
        String model = body.getString("model");
        HttpServerResponse resp = startStream(req, model);
        for (String piece : pieces(body)) {
            resp.write(event(chunk(model, new JsonObject().put("content", piece), null)));
        }
        resp.write(event(chunk(model, new JsonObject(), "stop")));
        JsonObject so = body.getJsonObject("stream_options");
        if (so != null && so.getBoolean("include_usage", false)) {
            resp.write(event(new JsonObject().put("id", "chatcmpl-faulty").put("object", "chat.completion.chunk")
                    .put("created", 1_700_000_000).put("model", model).put("choices", new JsonArray()).put("usage", usage())));
        }
        resp.end("data: [DONE]\n\n");
    }

    /** A stream (or, non-streaming, a JSON body) broken off after {@code f.chunks()} content chunks. */
    private void partial(HttpServerRequest req, JsonObject body, Fault f) {
        String model = body.getString("model");
        HttpServerResponse resp;
        if (body.getBoolean("stream", false)) {
            resp = startStream(req, model);
            List<String> pieces = pieces(body);
            for (int i = 0; i < Math.min(f.chunks(), pieces.size()); i++) {
                resp.write(event(chunk(model, new JsonObject().put("content", pieces.get(i)), null)));
            }
        } else {
            resp = req.response().setChunked(true).putHeader("content-type", "application/json");
            resp.write("{\"id\":\"chatcmpl-faulty\",\"object\":\"chat.completion\",\"choices\":[");
        }
        switch (f.kind()) {
            // let the written data reach the socket, then drop the connection without [DONE]
            case CUT -> vertx.setTimer(20, id -> req.connection().close());
            case END_EARLY -> resp.end();
            case ERROR_EVENT -> resp.end(event(new JsonObject().put("error", new JsonObject().put("message", f.message())
                    .put("type", f.type()).put("param", null).put("code", null))).appendString("data: [DONE]\n\n"));
            default -> {
                // STALL: silence, the connection stays open
            }
        }
    }

    private static HttpServerResponse startStream(HttpServerRequest req, String model) {
        HttpServerResponse resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write(event(chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null)));
        return resp;
    }

    private static List<String> pieces(JsonObject body) {
        return List.of(answerFor(body).split("(?<= )"));
    }

    private static JsonObject usage() {
        return new JsonObject().put("prompt_tokens", PROMPT_TOKENS).put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    }

    private static JsonObject chunk(String model, JsonObject delta, String finish) {
        return new JsonObject().put("id", "chatcmpl-faulty").put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                .put("model", model)
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta).put("logprobs", null)
                        .put("finish_reason", finish)));
    }

    private static Buffer event(JsonObject json) {
        return Buffer.buffer("data: " + json.encode() + "\n\n");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
