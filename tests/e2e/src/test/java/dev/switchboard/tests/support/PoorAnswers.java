package dev.switchboard.tests.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Answers of {@link FakeOpenAi} that a route's quality escalation calls poor, in OpenAI's wire
 * format (usage 12 + 5 tokens, as the good answers), streaming or not, by upstream model name:
 * {@code empty} (no content, no tool call), {@code empty-late} (the same after 400 ms),
 * {@code truncated} ({@code finish_reason: length} after a few words), {@code refuse} (opens with
 * "I'm sorry, but I can't"), and tool calls that cannot run: {@code bad-args} (arguments not
 * JSON), {@code missing-field} (arguments {@code {}}: the schema's required fields missing) and
 * {@code unknown-tool} (a function the request did not offer).
 */
final class PoorAnswers {
    static final Set<String> BEHAVIOURS = Set.of("empty", "empty-late", "truncated", "refuse", "bad-args", "missing-field", "unknown-tool");
    static final String REFUSAL = "I'm sorry, but I can't help with that.";

    private PoorAnswers() {
    }

    static void answer(Vertx vertx, HttpServerRequest req, JsonObject body, String behaviour) {
        if ("empty-late".equals(behaviour)) {
            vertx.setTimer(400, id -> answer(vertx, req, body, "empty"));
            return;
        }
        JsonObject message = new JsonObject().put("role", "assistant");
        String finish = "stop";
        switch (behaviour) {
            case "empty" -> message.put("content", "");
            case "truncated" -> {
                message.put("content", "The answer begins with");
                finish = "length";
            }
            case "refuse" -> message.put("content", REFUSAL);
            default -> {
                String name = "unknown-tool".equals(behaviour) ? "launch_rockets" : "get_weather";
                String args = "bad-args".equals(behaviour) ? "{\"city\": \"Par" : "missing-field".equals(behaviour) ? "{}" : "{\"city\":\"Paris\"}";
                message.putNull("content").put("tool_calls", new JsonArray().add(new JsonObject().put("id", "call_poor1").put("type", "function")
                        .put("function", new JsonObject().put("name", name).put("arguments", args))));
                finish = "tool_calls";
            }
        }
        if (body.getBoolean("stream", false)) {
            stream(req, body.getString("model"), message, finish);
            return;
        }
        JsonObject resp = new JsonObject().put("id", "chatcmpl-poor1").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", body.getString("model"))
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message).put("logprobs", null)
                        .put("finish_reason", finish)))
                .put("usage", usage());
        req.response().putHeader("content-type", "application/json").end(resp.encode());
    }

    /** The same answer as SSE: a role chunk, the content (if any) in one chunk, the finish chunk, the usage chunk, [DONE]. */
    private static void stream(HttpServerRequest req, String model, JsonObject message, String finish) {
        HttpServerResponse resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write(FakeOpenAi.event(FakeOpenAi.chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null)));
        String content = message.getString("content");
        if (content != null && !content.isEmpty()) {
            resp.write(FakeOpenAi.event(FakeOpenAi.chunk(model, new JsonObject().put("content", content), null)));
        }
        resp.write(FakeOpenAi.event(FakeOpenAi.chunk(model, new JsonObject(), finish)));
        resp.write(FakeOpenAi.event(new JsonObject().put("id", "chatcmpl-poor2").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", model).put("choices", new JsonArray()).put("usage", usage())));
        resp.end("data: [DONE]\n\n");
    }

    private static JsonObject usage() {
        return new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17);
    }
}
