package dev.switchboard.tests.streams;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake OpenAI Chat Completions upstream (127.0.0.1, port 0) for flow-control and hostile-input
 * tests, speaking the real SSE wire format ({@code data: {chat.completion.chunk}} events, usage
 * chunk, {@code data: [DONE]}). It writes as fast as its socket takes bytes and never faster
 * (it honours its own write queue), so {@link #bytesSent} is what the router actually accepted.
 * The behaviour is chosen by the upstream model name:
 *
 * <ul>
 *   <li>{@code big} (and any name starting with {@code big-}): a stream of 1,000-character
 *       content chunks up to {@link #BIG_BYTES};</li>
 *   <li>{@code small}: a short normal stream, or a normal JSON answer;</li>
 *   <li>{@code hang}: accepts the call and never answers (non-streaming and streaming);</li>
 *   <li>{@code endless-line}: one content chunk, then an SSE line that never ends;</li>
 *   <li>{@code endless-line-first}: the endless line before any content;</li>
 *   <li>{@code pings}: one content chunk, then {@code : keep-alive} comments every 10 ms forever.</li>
 * </ul>
 *
 * On {@code POST /v1/messages} it speaks Anthropic's Messages stream instead ({@code event:} +
 * {@code data:} lines: {@code message_start}, {@code content_block_start}, 1,000-character
 * {@code text_delta}s up to {@link #BIG_BYTES}, {@code content_block_stop}, {@code message_delta},
 * {@code message_stop}), whatever the model.
 *
 * Every call records when its connection closed, so a test can assert that the router hung up.
 */
public final class StreamingUpstream implements AutoCloseable {
    /** Size of the {@code big} stream. */
    public static final long BIG_BYTES = 50L * 1024 * 1024;
    /** Usage reported by complete answers. */
    public static final int PROMPT_TOKENS = 10;
    public static final int COMPLETION_TOKENS = 4;

    /** A response header naming the model, so bytes are counted per model. */
    private static final String MODEL_HEADER = "x-fake-model";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private final Map<String, Long> closed = new ConcurrentHashMap<>();

    public StreamingUpstream() throws Exception {
        // a small send buffer: what the router has not read stays countable here, not in our kernel
        server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setSendBufferSize(65_536)).requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** Bytes written to the router so far for {@code model}'s calls. */
    public long bytesSent(String model) {
        AtomicLong n = sent.get(model);
        return n == null ? 0 : n.get();
    }

    /** Nanos when the last call for {@code model} arrived, or null. */
    public Long arrivedAt(String model) {
        return arrived.get(model);
    }

    /** Nanos when the connection of the last call for {@code model} closed, or null while open. */
    public Long closedAt(String model) {
        return closed.get(model);
    }

    /** Forgets counters. */
    public void clear() {
        sent.clear();
        arrived.clear();
        closed.clear();
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(buf -> {
            JsonObject body = buf.toJsonObject();
            String model = body.getString("model", "");
            closed.remove(model);
            arrived.put(model, System.nanoTime());
            req.connection().closeHandler(v -> closed.put(model, System.nanoTime()));
            boolean stream = body.getBoolean("stream", false);
            HttpServerResponse resp = req.response().putHeader(MODEL_HEADER, model);
            if (req.path().endsWith("/messages")) {
                anthropic(resp, model);
                return;
            }
            switch (model.startsWith("big-") ? "big" : model) {
                case "hang" -> { }
                case "small" -> small(resp, model, stream);
                case "big" -> pump(start(resp, model), new Buffer[] {event(chunk(model, "x".repeat(1000), null))}, BIG_BYTES, model);
                case "endless-line" -> pump(content(start(resp, model), model), endlessLine(), Long.MAX_VALUE, model);
                case "endless-line-first" -> pump(start(resp, model), endlessLine(), Long.MAX_VALUE, model);
                case "pings" -> pings(content(start(resp, model), model));
                default -> resp.setStatusCode(404).end(new JsonObject().put("error", new JsonObject()
                        .put("message", "The model '" + model + "' does not exist").put("type", "invalid_request_error")
                        .put("code", "model_not_found")).encode());
            }
        });
    }

    private void anthropic(HttpServerResponse resp, String model) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream");
        write(resp, anthropicEvent(new JsonObject().put("type", "message_start").put("message", new JsonObject().put("id", "msg_big")
                .put("type", "message").put("role", "assistant").put("model", model).put("content", new JsonArray())
                .put("stop_reason", null).put("stop_sequence", null)
                .put("usage", new JsonObject().put("input_tokens", PROMPT_TOKENS).put("output_tokens", 1)))));
        write(resp, anthropicEvent(new JsonObject().put("type", "content_block_start").put("index", 0)
                .put("content_block", new JsonObject().put("type", "text").put("text", ""))));
        Buffer delta = anthropicEvent(new JsonObject().put("type", "content_block_delta").put("index", 0)
                .put("delta", new JsonObject().put("type", "text_delta").put("text", "x".repeat(1000))));
        long[] total = {0};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            while (!resp.closed() && total[0] < BIG_BYTES) {
                if (resp.writeQueueFull()) {
                    resp.drainHandler(v -> step[0].run());
                    return;
                }
                write(resp, delta.copy());
                total[0] += delta.length();
            }
            if (!resp.closed()) {
                write(resp, anthropicEvent(new JsonObject().put("type", "content_block_stop").put("index", 0)));
                write(resp, anthropicEvent(new JsonObject().put("type", "message_delta").put("delta", new JsonObject()
                        .put("stop_reason", "end_turn").put("stop_sequence", null)).put("usage", new JsonObject().put("output_tokens", 9))));
                resp.end(anthropicEvent(new JsonObject().put("type", "message_stop")));
            }
        };
        step[0].run();
    }

    private static Buffer anthropicEvent(JsonObject json) {
        return Buffer.buffer("event: " + json.getString("type") + "\ndata: " + json.encode() + "\n\n");
    }

    private static Buffer[] endlessLine() {
        return new Buffer[] {Buffer.buffer("data: {\"id\":\"chatcmpl-x\",\"choices\":[{\"delta\":{\"content\":\""), Buffer.buffer("y".repeat(65536))};
    }

    private HttpServerResponse start(HttpServerResponse resp, String model) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream");
        write(resp, event(chunk(model, "", null)));
        return resp;
    }

    private HttpServerResponse content(HttpServerResponse resp, String model) {
        write(resp, event(chunk(model, "Hello", null)));
        return resp;
    }

    private void small(HttpServerResponse resp, String model, boolean stream) {
        if (!stream) {
            resp.putHeader("content-type", "application/json").end(new JsonObject().put("id", "chatcmpl-s").put("object", "chat.completion")
                    .put("created", 1_700_000_000).put("model", model).put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                            .put("message", new JsonObject().put("role", "assistant").put("content", "Hello there"))
                            .put("logprobs", null).put("finish_reason", "stop"))).put("usage", usage()).encode());
            return;
        }
        start(resp, model);
        write(resp, event(chunk(model, "Hello", null)));
        write(resp, event(chunk(model, " there", null)));
        write(resp, event(chunk(model, null, "stop")));
        write(resp, event(new JsonObject().put("id", "chatcmpl-s").put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                .put("model", model).put("choices", new JsonArray()).put("usage", usage())));
        resp.end("data: [DONE]\n\n");
    }

    /** Writes {@code first} once, then {@code parts[last]} repeatedly until {@code limit} bytes, honouring the write queue. */
    private void pump(HttpServerResponse resp, Buffer[] parts, long limit, String model) {
        if (parts.length > 1) {
            write(resp, parts[0].copy());
        }
        Buffer repeat = parts[parts.length - 1];
        long[] total = {0};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            while (!resp.closed() && total[0] < limit) {
                if (resp.writeQueueFull()) {
                    resp.drainHandler(v -> step[0].run());
                    return;
                }
                write(resp, repeat.copy());
                total[0] += repeat.length();
            }
            if (!resp.closed()) {
                write(resp, event(chunk(model, null, "stop")));
                resp.end("data: [DONE]\n\n");
            }
        };
        step[0].run();
    }

    private void pings(HttpServerResponse resp) {
        vertx.setPeriodic(10, id -> {
            if (resp.closed()) {
                vertx.cancelTimer(id);
            } else if (!resp.writeQueueFull()) {
                write(resp, Buffer.buffer(": keep-alive\n\n"));
            }
        });
    }

    private void write(HttpServerResponse resp, Buffer b) {
        if (!resp.closed()) {
            sent.computeIfAbsent(String.valueOf(resp.headers().get(MODEL_HEADER)), m -> new AtomicLong()).addAndGet(b.length());
            resp.write(b);
        }
    }

    private static JsonObject usage() {
        return new JsonObject().put("prompt_tokens", PROMPT_TOKENS).put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    }

    private static JsonObject chunk(String model, String content, String finish) {
        JsonObject delta = new JsonObject();
        if (content != null) {
            delta.put("content", content);
            if (content.isEmpty()) {
                delta.put("role", "assistant");
            }
        }
        return new JsonObject().put("id", "chatcmpl-s").put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                .put("model", model).put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
                        .put("logprobs", null).put("finish_reason", finish)));
    }

    private static Buffer event(JsonObject json) {
        return Buffer.buffer("data: " + json.encode() + "\n\n");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
