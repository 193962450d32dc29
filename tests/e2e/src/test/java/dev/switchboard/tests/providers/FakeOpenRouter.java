package dev.switchboard.tests.providers;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A fake OpenRouter: OpenAI Chat Completions at {@code POST /api/v1/chat/completions}, plus what
 * OpenRouter adds: the exact charge in {@code usage.cost} and the serving {@code provider}.
 */
final class FakeOpenRouter extends FakeUpstream {
    /** The charge, in USD, every answer reports. */
    static final double COST = 0.00042;
    private static final String PATH = "/api/v1/chat/completions";

    FakeOpenRouter() throws Exception {
        super();
    }

    /** The base URL to configure; the adapter adds {@code /chat/completions}. */
    String baseUrl() {
        return root() + "/api/v1";
    }

    /** The last chat call. */
    Received lastChat() {
        return last(c -> PATH.equals(c.path()));
    }

    @Override
    protected void answer(Received call, HttpServerResponse response) {
        if (!PATH.equals(call.path())) {
            json(response, 404, new JsonObject().put("error", new JsonObject().put("code", 404).put("message", "Not Found")));
            return;
        }
        JsonObject body = call.body();
        Reply reply = Reply.to(understand(body));
        if (body.getBoolean("stream", false)) {
            stream(body, reply, response);
        } else {
            json(response, 200, envelope(body.getString("model"), "chat.completion").put("choices", new JsonArray()
                    .add(new JsonObject().put("index", 0).put("message", message(reply).put("role", "assistant"))
                            .put("finish_reason", finish(reply)))).put("usage", usage()));
        }
    }

    static Reply.Understood understand(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        String toolResult = "tool".equals(last.getString("role")) ? last.getString("content") : null;
        String text = "";
        int images = 0;
        if (last.getValue("content") instanceof String s) {
            text = s;
        } else if (last.getValue("content") instanceof JsonArray parts) {
            for (Object o : parts) {
                JsonObject part = (JsonObject) o;
                if ("image_url".equals(part.getString("type"))) {
                    images++;
                } else if ("text".equals(part.getString("type"))) {
                    text = text.isEmpty() ? part.getString("text") : text + "\n" + part.getString("text");
                }
            }
        }
        JsonArray tools = body.getJsonArray("tools");
        String firstTool = tools == null || tools.isEmpty() || toolResult != null ? null
                : tools.getJsonObject(0).getJsonObject("function").getString("name");
        JsonObject format = body.getJsonObject("response_format");
        boolean json = format != null && "json_object".equals(format.getString("type"));
        return new Reply.Understood(text, images, firstTool, toolResult, json);
    }

    private static JsonObject message(Reply reply) {
        JsonObject message = new JsonObject().put("content", reply.text());
        if (!reply.isToolCall()) {
            return message;
        }
        return message.put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
                .put("id", "call_fake1").put("type", "function").put("function", new JsonObject()
                        .put("name", reply.toolName()).put("arguments", reply.toolArgs().encode()))));
    }

    private static String finish(Reply reply) {
        return reply.isToolCall() ? "tool_calls" : "stop";
    }

    private static JsonObject envelope(String model, String object) {
        return new JsonObject().put("id", "gen-fake1").put("provider", "FakeProvider").put("model", model)
                .put("object", object).put("created", 1_700_000_000);
    }

    private static JsonObject usage() {
        return new JsonObject().put("prompt_tokens", PROMPT_TOKENS).put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS).put("cost", COST);
    }

    private static void stream(JsonObject body, Reply reply, HttpServerResponse response) {
        String model = body.getString("model");
        HttpServerResponse out = chunked(response, "text/event-stream");
        out.write(": OPENROUTER PROCESSING\n\n");
        out.write(sse(null, chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null), "\n"));
        reply.pieces().forEach(p -> out.write(sse(null, chunk(model, new JsonObject().put("content", p), null), "\n")));
        if (reply.isToolCall()) {
            streamToolCall(model, reply, out);
        }
        out.write(sse(null, chunk(model, new JsonObject(), finish(reply)), "\n"));
        JsonObject options = body.getJsonObject("stream_options");
        if (options != null && options.getBoolean("include_usage", false)) {
            out.write(sse(null, envelope(model, "chat.completion.chunk").put("choices", new JsonArray()).put("usage", usage()), "\n"));
        }
        out.end("data: [DONE]\n\n");
    }

    /** As OpenAI-style streams do: the id and name first, then the arguments in fragments. */
    private static void streamToolCall(String model, Reply reply, HttpServerResponse out) {
        String args = reply.toolArgs().encode();
        int half = args.length() / 2;
        JsonObject head = new JsonObject().put("index", 0).put("id", "call_fake1").put("type", "function")
                .put("function", new JsonObject().put("name", reply.toolName()).put("arguments", ""));
        for (JsonObject call : List.of(head, argumentsDelta(args.substring(0, half)), argumentsDelta(args.substring(half)))) {
            out.write(sse(null, chunk(model, new JsonObject().put("tool_calls", new JsonArray().add(call)), null), "\n"));
        }
    }

    private static JsonObject argumentsDelta(String fragment) {
        return new JsonObject().put("index", 0).put("function", new JsonObject().put("arguments", fragment));
    }

    private static JsonObject chunk(String model, JsonObject delta, String finish) {
        return envelope(model, "chat.completion.chunk").put("choices", new JsonArray().add(new JsonObject()
                .put("index", 0).put("delta", delta).put("finish_reason", finish)));
    }
}
