package dev.switchboard.tests.cost;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * One fake upstream on 127.0.0.1 (port 0) speaking four providers' wire formats, each reporting the
 * usage fields that matter for cost: Anthropic cache reads, Gemini cached content and thinking
 * tokens, OpenRouter's exact {@code usage.cost}, Ollama's eval counts. Every answer says "ok".
 * The token counts are constants so the tests can compute the expected cost by hand.
 */
final class MeteredUpstream implements AutoCloseable {
    /** Anthropic: uncached input, cache reads, output. */
    static final int ANTHROPIC_INPUT = 100;
    static final int ANTHROPIC_CACHE_READ = 2000;
    static final int ANTHROPIC_OUTPUT = 50;
    /** Gemini: prompt (cached included), cached, candidates, thoughts (billed as output). */
    static final int GEMINI_PROMPT = 1000;
    static final int GEMINI_CACHED = 800;
    static final int GEMINI_CANDIDATES = 100;
    static final int GEMINI_THOUGHTS = 40;
    /** OpenRouter: tokens and the exact charge it reports. */
    static final int OPENROUTER_PROMPT = 11;
    static final int OPENROUTER_COMPLETION = 7;
    static final double OPENROUTER_COST = 0.00123;
    /** Ollama: prompt and output tokens. */
    static final int OLLAMA_PROMPT = 30;
    static final int OLLAMA_EVAL = 9;

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    MeteredUpstream() throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> answer(req,
                b.length() == 0 ? new JsonObject() : b.toJsonObject())));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** {@code http://127.0.0.1:PORT}. */
    String root() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void answer(HttpServerRequest req, JsonObject body) {
        String path = req.path();
        HttpServerResponse r = req.response();
        if ("/v1/messages".equals(path)) {
            anthropic(body, r);
        } else if (path.startsWith("/v1beta/models/")) {
            gemini(path.endsWith(":streamGenerateContent"), r);
        } else if ("/api/v1/chat/completions".equals(path)) {
            openRouter(body, r);
        } else if ("/api/chat".equals(path)) {
            ollama(body, r);
        } else {
            r.setStatusCode(404).end();
        }
    }

    private static void anthropic(JsonObject body, HttpServerResponse r) {
        JsonObject usage = new JsonObject().put("input_tokens", ANTHROPIC_INPUT).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", ANTHROPIC_CACHE_READ);
        JsonObject message = new JsonObject().put("id", "msg_cost1").put("type", "message").put("role", "assistant")
                .put("model", body.getString("model")).put("stop_reason", "end_turn").put("stop_sequence", null);
        if (!body.getBoolean("stream", false)) {
            json(r, message.put("content", new JsonArray().add(text("ok")))
                    .put("usage", usage.put("output_tokens", ANTHROPIC_OUTPUT)));
            return;
        }
        r.setChunked(true).putHeader("content-type", "text/event-stream");
        message.put("content", new JsonArray()).put("stop_reason", null).put("usage", usage.copy().put("output_tokens", 1));
        sse(r, "message_start", new JsonObject().put("message", message));
        sse(r, "content_block_start", new JsonObject().put("index", 0).put("content_block", text("")));
        sse(r, "content_block_delta", new JsonObject().put("index", 0)
                .put("delta", new JsonObject().put("type", "text_delta").put("text", "ok")));
        sse(r, "content_block_stop", new JsonObject().put("index", 0));
        sse(r, "message_delta", new JsonObject().put("delta", new JsonObject().put("stop_reason", "end_turn").put("stop_sequence", null))
                .put("usage", new JsonObject().put("output_tokens", ANTHROPIC_OUTPUT)));
        sse(r, "message_stop", new JsonObject());
        r.end();
    }

    private static void gemini(boolean stream, HttpServerResponse r) {
        JsonObject usage = new JsonObject().put("promptTokenCount", GEMINI_PROMPT).put("cachedContentTokenCount", GEMINI_CACHED)
                .put("candidatesTokenCount", GEMINI_CANDIDATES).put("thoughtsTokenCount", GEMINI_THOUGHTS)
                .put("totalTokenCount", GEMINI_PROMPT + GEMINI_CANDIDATES + GEMINI_THOUGHTS);
        JsonObject last = geminiResponse("ok", "STOP").put("usageMetadata", usage);
        if (!stream) {
            json(r, last);
            return;
        }
        r.setChunked(true).putHeader("content-type", "text/event-stream");
        r.write(Buffer.buffer("data: " + geminiResponse("o", null).encode() + "\r\n\r\n"));
        r.end(Buffer.buffer("data: " + geminiResponse("k", "STOP").put("usageMetadata", usage).encode() + "\r\n\r\n"));
    }

    private static JsonObject geminiResponse(String text, String finish) {
        JsonObject candidate = new JsonObject().put("index", 0).put("content", new JsonObject().put("role", "model")
                .put("parts", new JsonArray().add(new JsonObject().put("text", text))));
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        return new JsonObject().put("candidates", new JsonArray().add(candidate)).put("modelVersion", "gemini-2.5-flash");
    }

    private static void openRouter(JsonObject body, HttpServerResponse r) {
        JsonObject usage = new JsonObject().put("prompt_tokens", OPENROUTER_PROMPT).put("completion_tokens", OPENROUTER_COMPLETION)
                .put("total_tokens", OPENROUTER_PROMPT + OPENROUTER_COMPLETION).put("cost", OPENROUTER_COST);
        JsonObject envelope = new JsonObject().put("id", "gen-cost1").put("provider", "FakeProvider")
                .put("model", body.getString("model")).put("created", 1_700_000_000);
        if (!body.getBoolean("stream", false)) {
            json(r, envelope.put("object", "chat.completion").put("usage", usage).put("choices", new JsonArray().add(new JsonObject()
                    .put("index", 0).put("finish_reason", "stop")
                    .put("message", new JsonObject().put("role", "assistant").put("content", "ok")))));
            return;
        }
        r.setChunked(true).putHeader("content-type", "text/event-stream");
        envelope.put("object", "chat.completion.chunk");
        data(r, envelope.copy().put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", null)
                .put("delta", new JsonObject().put("role", "assistant").put("content", "ok")))));
        data(r, envelope.copy().put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
                .put("delta", new JsonObject()))));
        JsonObject options = body.getJsonObject("stream_options");
        if (options != null && options.getBoolean("include_usage", false)) {
            data(r, envelope.copy().put("choices", new JsonArray()).put("usage", usage));
        }
        r.end("data: [DONE]\n\n");
    }

    private static void ollama(JsonObject body, HttpServerResponse r) {
        JsonObject done = new JsonObject().put("model", body.getString("model")).put("created_at", "2025-01-01T00:00:00Z")
                .put("done_reason", "stop").put("done", true).put("prompt_eval_count", OLLAMA_PROMPT).put("eval_count", OLLAMA_EVAL);
        if (!body.getBoolean("stream", true)) {
            json(r, done.put("message", new JsonObject().put("role", "assistant").put("content", "ok")));
            return;
        }
        r.setChunked(true).putHeader("content-type", "application/x-ndjson");
        r.write(new JsonObject().put("model", body.getString("model")).put("created_at", "2025-01-01T00:00:00Z")
                .put("message", new JsonObject().put("role", "assistant").put("content", "ok")).put("done", false).encode() + "\n");
        r.end(done.put("message", new JsonObject().put("role", "assistant").put("content", "")).encode() + "\n");
    }

    private static JsonObject text(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    private static void json(HttpServerResponse r, JsonObject body) {
        r.putHeader("content-type", "application/json").end(body.encode());
    }

    private static void sse(HttpServerResponse r, String type, JsonObject event) {
        r.write("event: " + type + "\ndata: " + event.put("type", type).encode() + "\n\n");
    }

    private static void data(HttpServerResponse r, JsonObject event) {
        r.write("data: " + event.encode() + "\n\n");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
