package dev.switchboard.tests.providers;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A fake Ollama server: {@code POST /api/chat} answers one JSON object, or NDJSON lines ending in a
 * {@code "done": true} line when {@code stream} is true; {@code GET /api/tags} lists two pulled
 * models, a vision one ({@code llava:7b}) and a text one ({@code qwen3:4b}).
 */
final class FakeOllama extends FakeUpstream {
    private static final String CREATED_AT = "2025-01-01T00:00:00.000000Z";

    FakeOllama() throws Exception {
        super();
    }

    /** The base URL to configure; the adapter adds {@code /api/chat} and {@code /api/tags}. */
    String baseUrl() {
        return root();
    }

    /** The last chat call. */
    Received lastChat() {
        return last(c -> "/api/chat".equals(c.path()));
    }

    @Override
    protected void answer(Received call, HttpServerResponse response) {
        switch (call.path()) {
            case "/api/tags" -> json(response, 200, tags());
            case "/api/chat" -> chat(call.body(), response);
            case "/api/embed" -> embed(call.body(), response);
            default -> json(response, 404, new JsonObject().put("error", "404 page not found"));
        }
    }

    /** {@code /api/embed}: {@code {"model", "embeddings": [[...]], "prompt_eval_count"}}, vectors from each text's length. */
    private static void embed(JsonObject body, HttpServerResponse response) {
        JsonArray input = body.getValue("input") instanceof String ? new JsonArray().add(body.getString("input")) : body.getJsonArray("input");
        JsonArray embeddings = new JsonArray();
        int tokens = 0;
        for (Object t : input) {
            embeddings.add(FakeGemini.vector((String) t, body.getInteger("dimensions")));
            tokens += ((String) t).split("\\s+").length;
        }
        json(response, 200, new JsonObject().put("model", body.getString("model")).put("embeddings", embeddings)
                .put("total_duration", 14143917).put("load_duration", 1019500).put("prompt_eval_count", tokens));
    }

    private static void chat(JsonObject body, HttpServerResponse response) {
        Reply reply = Reply.to(understand(body));
        String model = body.getString("model");
        if (!body.getBoolean("stream", true)) {
            json(response, 200, done(model, message(reply)));
            return;
        }
        HttpServerResponse out = chunked(response, "application/x-ndjson");
        reply.pieces().forEach(p -> out.write(line(model, message(Reply.text(p)))));
        if (reply.isToolCall()) {
            out.write(line(model, message(new Reply(null, reply.toolName(), reply.toolArgs()))));
        }
        out.end(done(model, new JsonObject().put("role", "assistant").put("content", "")).encode() + "\n");
    }

    static Reply.Understood understand(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        String toolResult = "tool".equals(last.getString("role")) ? last.getString("content") : null;
        JsonArray tools = body.getJsonArray("tools");
        String firstTool = tools == null || tools.isEmpty() || toolResult != null ? null
                : tools.getJsonObject(0).getJsonObject("function").getString("name");
        Object format = body.getValue("format");
        boolean json = "json".equals(format) || format instanceof JsonObject;
        return new Reply.Understood(last.getString("content", ""), last.getJsonArray("images", new JsonArray()).size(),
                firstTool, toolResult, json);
    }

    private static JsonObject message(Reply reply) {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", reply.hasText() ? reply.text() : "");
        if (reply.isToolCall()) {
            message.put("tool_calls", new JsonArray().add(new JsonObject().put("function",
                    new JsonObject().put("name", reply.toolName()).put("arguments", reply.toolArgs()))));
        }
        return message;
    }

    private static Buffer line(String model, JsonObject message) {
        return new JsonObject().put("model", model).put("created_at", CREATED_AT).put("message", message).put("done", false)
                .toBuffer().appendString("\n");
    }

    private static JsonObject done(String model, JsonObject message) {
        return new JsonObject().put("model", model).put("created_at", CREATED_AT).put("message", message)
                .put("done_reason", "stop").put("done", true).put("total_duration", 123_456_789L)
                .put("prompt_eval_count", PROMPT_TOKENS).put("eval_count", COMPLETION_TOKENS);
    }

    private static JsonObject tags() {
        return new JsonObject().put("models", new JsonArray()
                .add(tag("llava:7b", "llama", "clip"))
                .add(tag("qwen3:4b", "qwen3")));
    }

    private static JsonObject tag(String name, String... families) {
        return new JsonObject().put("name", name).put("model", name).put("modified_at", CREATED_AT).put("size", 1_000_000)
                .put("details", new JsonObject().put("format", "gguf").put("family", families[0])
                        .put("families", new JsonArray(List.of((Object[]) families))));
    }
}
