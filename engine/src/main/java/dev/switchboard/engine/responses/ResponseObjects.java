package dev.switchboard.engine.responses;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.ToolCall;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/** Builds OpenAI Response objects and their output items, as the Responses API documents them. */
final class ResponseObjects {
    private ResponseObjects() {
    }

    /** A fresh id with OpenAI's prefix ({@code resp}, {@code msg}, {@code fc}). */
    static String id(String prefix) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return prefix + "_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }

    /**
     * The response object without output: the request's parameters echoed, as OpenAI does.
     *
     * @param status {@code in_progress}, {@code completed}, {@code incomplete} or {@code failed}
     */
    static JsonObject skeleton(ResponsesRequest request, String id, long createdAt, String model, String status) {
        JsonObject b = request.body();
        return new JsonObject().put("id", id).put("object", "response").put("created_at", createdAt).put("status", status)
                .putNull("error").putNull("incomplete_details")
                .put("instructions", request.instructions()).put("max_output_tokens", b.getValue("max_output_tokens"))
                .put("model", model).put("output", new JsonArray())
                .put("parallel_tool_calls", b.getValue("parallel_tool_calls", true))
                .put("previous_response_id", request.previousResponseId())
                .put("reasoning", b.getValue("reasoning") instanceof JsonObject ? b.getJsonObject("reasoning")
                        : new JsonObject().putNull("effort").putNull("summary"))
                .put("store", request.store())
                .put("temperature", b.getValue("temperature", 1.0)).put("top_p", b.getValue("top_p", 1.0))
                .put("text", b.getValue("text") instanceof JsonObject ? b.getJsonObject("text")
                        : new JsonObject().put("format", new JsonObject().put("type", "text")))
                .put("tool_choice", b.getValue("tool_choice", "auto"))
                .put("tools", b.getValue("tools") instanceof JsonArray ? b.getJsonArray("tools") : new JsonArray())
                .put("truncation", b.getValue("truncation", "disabled"))
                .putNull("usage").put("user", b.getValue("user"))
                .put("metadata", b.getValue("metadata") instanceof JsonObject ? b.getJsonObject("metadata") : new JsonObject());
    }

    /** The complete response for a chat answer. */
    static JsonObject fromChat(ResponsesRequest request, String id, String model, ChatResponse chat, Usage usage) {
        ChatResponse.Choice c = chat.choices().isEmpty() ? null : chat.choices().get(0);
        JsonArray output = new JsonArray();
        if (c != null && c.content() != null && !c.content().isEmpty()) {
            output.add(message(id("msg"), c.content(), "completed"));
        }
        if (c != null) {
            for (ToolCall t : c.toolCalls()) {
                output.add(functionCall(id("fc"), t.id(), t.name(), t.arguments(), "completed"));
            }
        }
        return finish(skeleton(request, id, chat.created(), model, "completed").put("output", output), c == null ? null : c.finishReason(),
                usage);
    }

    /** Sets status, incomplete_details and usage from the chat finish reason. */
    static JsonObject finish(JsonObject response, String finishReason, Usage usage) {
        if ("length".equals(finishReason) || "content_filter".equals(finishReason)) {
            response.put("status", "incomplete").put("incomplete_details", new JsonObject().put("reason",
                    "length".equals(finishReason) ? "max_output_tokens" : "content_filter"));
        } else {
            response.put("status", "completed");
        }
        return response.put("usage", usage(usage));
    }

    /** An assistant message item with one output_text part. */
    static JsonObject message(String id, String text, String status) {
        JsonArray content = new JsonArray();
        if (text != null) {
            content.add(textPart(text));
        }
        return new JsonObject().put("type", "message").put("id", id).put("status", status).put("role", "assistant")
                .put("content", content);
    }

    /** An output_text content part. */
    static JsonObject textPart(String text) {
        return new JsonObject().put("type", "output_text").put("text", text).put("annotations", new JsonArray())
                .put("logprobs", new JsonArray());
    }

    /** A function_call item. */
    static JsonObject functionCall(String id, String callId, String name, String arguments, String status) {
        return new JsonObject().put("type", "function_call").put("id", id).put("call_id", callId).put("name", name)
                .put("arguments", arguments).put("status", status);
    }

    /** The Responses usage object (input/output tokens), cost added when known; null in, null out. */
    static JsonObject usage(Usage u) {
        if (u == null) {
            return null;
        }
        JsonObject json = new JsonObject().put("input_tokens", u.promptTokens())
                .put("input_tokens_details", new JsonObject().put("cached_tokens", u.cachedTokens()))
                .put("output_tokens", u.completionTokens())
                .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
                .put("total_tokens", u.totalTokens());
        if (u.cost() != null) {
            json.put("cost", u.cost());
        }
        return json;
    }

    /** Reads a Responses usage object (a native upstream's answer). */
    static Usage usageOf(JsonObject response) {
        JsonObject u = response.getValue("usage") instanceof JsonObject ? response.getJsonObject("usage") : null;
        if (u == null) {
            return null;
        }
        JsonObject details = u.getValue("input_tokens_details") instanceof JsonObject ? u.getJsonObject("input_tokens_details") : null;
        return new Usage(count(u.getValue("input_tokens")), count(u.getValue("output_tokens")),
                details == null ? 0 : count(details.getValue("cached_tokens")), null);
    }

    private static int count(Object v) {
        return v instanceof Number ? Math.max(0, ((Number) v).intValue()) : 0;
    }
}
