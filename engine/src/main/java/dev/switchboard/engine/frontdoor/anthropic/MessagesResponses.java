package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.ToolCall;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Canonical answers in Anthropic's shape: the {@code message} object, its {@code stop_reason} and
 * {@code usage}. Shared by the JSON answer and the stream encoder.
 */
final class MessagesResponses {
    private MessagesResponses() {
    }

    /** The Anthropic {@code message} for a canonical response (its first choice). */
    static JsonObject message(ChatResponse response) {
        ChatResponse.Choice choice = response.choices().isEmpty() ? null : response.choices().get(0);
        JsonArray content = new JsonArray();
        if (choice != null && choice.content() != null && !choice.content().isEmpty()) {
            content.add(new JsonObject().put("type", "text").put("text", choice.content()));
        }
        if (choice != null) {
            for (ToolCall call : choice.toolCalls()) {
                content.add(new JsonObject().put("type", "tool_use").put("id", toolUseId(call.id())).put("name", call.name())
                        .put("input", input(call.arguments())));
            }
        }
        return new JsonObject().put("id", messageId(response.id())).put("type", "message").put("role", "assistant")
                .put("model", response.model()).put("content", content)
                .put("stop_reason", stopReason(choice == null ? null : choice.finishReason())).put("stop_sequence", null)
                .put("usage", usage(response.usage()));
    }

    /** Anthropic's {@code stop_reason} for an OpenAI {@code finish_reason}. */
    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic's {@code usage}: input tokens exclude the cache reads, counted apart. */
    static JsonObject usage(Usage usage) {
        Usage u = usage == null ? Usage.of(0, 0) : usage;
        return new JsonObject().put("input_tokens", Math.max(0, u.promptTokens() - u.cachedTokens()))
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", u.cachedTokens())
                .put("output_tokens", u.completionTokens());
    }

    static String messageId(String id) {
        return id.startsWith("msg_") ? id : "msg_" + id;
    }

    static String toolUseId(String id) {
        return id == null ? "toolu_" + Long.toHexString(System.nanoTime()) : id;
    }

    /** The tool input object; arguments that are not a JSON object are kept as the string they are. */
    static JsonObject input(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(arguments);
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject().put("_arguments", arguments);
        }
    }
}
