package dev.switchboard.tests.providers;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A fake Anthropic Messages API ({@code POST /v1/messages}): {@code message} bodies, and SSE streams
 * with {@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta},
 * {@code content_block_stop}, {@code message_delta} and {@code message_stop} events.
 */
final class FakeAnthropic extends FakeUpstream {
    FakeAnthropic() throws Exception {
        super();
    }

    /** The base URL to configure; the adapter adds {@code /v1/messages}. */
    String baseUrl() {
        return root();
    }

    /** The last Messages API call. */
    Received lastMessages() {
        return last(c -> "/v1/messages".equals(c.path()));
    }

    @Override
    protected void answer(Received call, HttpServerResponse response) {
        if (!"/v1/messages".equals(call.path())) {
            json(response, 404, error("not_found_error", "Not found: " + call.path()));
            return;
        }
        Reply reply = Reply.to(understand(call.body()));
        if (call.body().getBoolean("stream", false)) {
            stream(call.body().getString("model"), reply, response);
        } else {
            json(response, 200, message(call.body().getString("model"), reply));
        }
    }

    static Reply.Understood understand(JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        String toolResult = null;
        String text = "";
        int images = 0;
        for (Object o : blocks(last)) {
            JsonObject block = (JsonObject) o;
            switch (block.getString("type")) {
                case "tool_result" -> toolResult = textOf(block.getValue("content"));
                case "text" -> text = text.isEmpty() ? block.getString("text") : text + "\n" + block.getString("text");
                case "image" -> images++;
                default -> { }
            }
        }
        JsonArray tools = body.getJsonArray("tools");
        String firstTool = tools == null || tools.isEmpty() || toolResult != null ? null : tools.getJsonObject(0).getString("name");
        return new Reply.Understood(text, images, firstTool, toolResult, false);
    }

    private static JsonArray blocks(JsonObject message) {
        Object content = message.getValue("content");
        return content instanceof JsonArray a ? a : new JsonArray().add(new JsonObject().put("type", "text").put("text", content));
    }

    private static String textOf(Object content) {
        if (content instanceof String s) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        ((JsonArray) content).forEach(b -> sb.append(((JsonObject) b).getString("text", "")));
        return sb.toString();
    }

    private static JsonObject message(String model, Reply reply) {
        return new JsonObject().put("id", "msg_fake1").put("type", "message").put("role", "assistant").put("model", model)
                .put("content", blocks(reply))
                .put("stop_reason", stopReason(reply)).put("stop_sequence", null)
                .put("usage", new JsonObject().put("input_tokens", PROMPT_TOKENS).put("output_tokens", COMPLETION_TOKENS));
    }

    /** A text block when there is text, then a tool_use block when there is a call. */
    private static JsonArray blocks(Reply reply) {
        JsonArray blocks = new JsonArray();
        if (reply.hasText()) {
            blocks.add(new JsonObject().put("type", "text").put("text", reply.text()));
        }
        if (reply.isToolCall()) {
            blocks.add(toolUse(reply).put("input", reply.toolArgs()));
        }
        return blocks;
    }

    private static JsonObject toolUse(Reply reply) {
        return new JsonObject().put("type", "tool_use").put("id", "toolu_fake1").put("name", reply.toolName());
    }

    private static String stopReason(Reply reply) {
        return reply.isToolCall() ? "tool_use" : "end_turn";
    }

    private static void stream(String model, Reply reply, HttpServerResponse response) {
        HttpServerResponse out = chunked(response, "text/event-stream");
        JsonObject start = message(model, reply).put("content", new JsonArray()).put("stop_reason", null)
                .put("usage", new JsonObject().put("input_tokens", PROMPT_TOKENS).put("output_tokens", 1));
        send(out, new JsonObject().put("type", "message_start").put("message", start));
        send(out, new JsonObject().put("type", "ping"));
        int index = 0;
        if (reply.hasText()) {
            int i = index++;
            startBlock(out, i, new JsonObject().put("type", "text").put("text", ""));
            reply.pieces().forEach(p -> delta(out, i, new JsonObject().put("type", "text_delta").put("text", p)));
            send(out, new JsonObject().put("type", "content_block_stop").put("index", i));
        }
        if (reply.isToolCall()) {
            int i = index;
            startBlock(out, i, toolUse(reply).put("input", new JsonObject()));
            String args = reply.toolArgs().encode();
            int half = args.length() / 2;
            delta(out, i, new JsonObject().put("type", "input_json_delta").put("partial_json", args.substring(0, half)));
            delta(out, i, new JsonObject().put("type", "input_json_delta").put("partial_json", args.substring(half)));
            send(out, new JsonObject().put("type", "content_block_stop").put("index", i));
        }
        send(out, new JsonObject().put("type", "message_delta")
                .put("delta", new JsonObject().put("stop_reason", stopReason(reply)).put("stop_sequence", null))
                .put("usage", new JsonObject().put("output_tokens", COMPLETION_TOKENS)));
        send(out, new JsonObject().put("type", "message_stop"));
        out.end();
    }

    private static void startBlock(HttpServerResponse out, int index, JsonObject block) {
        send(out, new JsonObject().put("type", "content_block_start").put("index", index).put("content_block", block));
    }

    private static void delta(HttpServerResponse out, int index, JsonObject delta) {
        send(out, new JsonObject().put("type", "content_block_delta").put("index", index).put("delta", delta));
    }

    private static void send(HttpServerResponse out, JsonObject event) {
        out.write(sse(event.getString("type"), event, "\n"));
    }

    private static JsonObject error(String type, String message) {
        return new JsonObject().put("type", "error").put("error", new JsonObject().put("type", type).put("message", message));
    }
}
