package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.ToolCall;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an Anthropic {@code message} into an OpenAI {@code chat.completion}: text blocks joined,
 * {@code tool_use} blocks as tool calls, {@code stop_reason} as {@code finish_reason}, cache
 * tokens counted into the prompt. Block kinds with no OpenAI counterpart (thinking) are left out.
 * The finish-reason and usage rules here serve the stream decoder too.
 */
final class ResponseTranslator {

    private static final Map<String, String> FINISH_REASONS = Map.of(
            "end_turn", "stop",
            "stop_sequence", "stop",
            "pause_turn", "stop",
            "max_tokens", "length",
            "model_context_window_exceeded", "length",
            "tool_use", "tool_calls",
            "refusal", "content_filter");

    private final String providerId;
    private final ErrorMapper errors;

    ResponseTranslator(String providerId, ErrorMapper errors) {
        this.providerId = providerId;
        this.errors = errors;
    }

    /**
     * Translates a 2xx body.
     *
     * @param created the {@code created} timestamp (Anthropic sends none)
     * @throws ProviderException MALFORMED_RESPONSE when the body is not a message; the mapped
     *                           error when the body is an Anthropic error
     */
    ChatResponse translate(Buffer body, ModelDescriptor model, long created) {
        JsonObject json = JsonFields.parseObject(body.toString());
        if (json == null) {
            throw malformed("not a JSON object: " + JsonFields.truncate(body.toString()));
        }
        if ("error".equals(JsonFields.string(json, "type"))) {
            throw errors.fromError(0, null, JsonFields.object(json, "error"));
        }
        JsonArray content = JsonFields.array(json, "content");
        if (content == null) {
            throw malformed("the message has no 'content' array");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> toolCalls = new ArrayList<>();
        readBlocks(content, text, toolCalls);
        ChatResponse.Choice choice = new ChatResponse.Choice(0, text.length() == 0 ? null : text.toString(), toolCalls,
                finishReason(JsonFields.string(json, "stop_reason")), null);
        String id = JsonFields.string(json, "id");
        String upstreamModel = JsonFields.string(json, "model");
        return new ChatResponse(id == null ? "msg-unknown" : id, upstreamModel == null ? model.upstreamModel() : upstreamModel,
                created, List.of(choice), usage(JsonFields.object(json, "usage")), null);
    }

    private void readBlocks(JsonArray content, StringBuilder text, List<ToolCall> toolCalls) {
        for (int i = 0; i < content.size(); i++) {
            if (!(content.getValue(i) instanceof JsonObject)) {
                throw malformed("content[" + i + "] is not an object");
            }
            JsonObject block = content.getJsonObject(i);
            String type = JsonFields.string(block, "type");
            if ("text".equals(type)) {
                String t = JsonFields.string(block, "text");
                text.append(t == null ? "" : t);
            } else if ("tool_use".equals(type)) {
                toolCalls.add(toolCall(block, i));
            }
        }
    }

    private ToolCall toolCall(JsonObject block, int i) {
        String id = JsonFields.string(block, "id");
        String name = JsonFields.string(block, "name");
        if (id == null || name == null) {
            throw malformed("tool_use block content[" + i + "] lacks its id or name");
        }
        JsonObject input = JsonFields.object(block, "input");
        return new ToolCall(id, name, input == null ? "{}" : input.encode());
    }

    /** The OpenAI {@code finish_reason} for an Anthropic {@code stop_reason}; null stays null. */
    static String finishReason(String stopReason) {
        return stopReason == null ? null : FINISH_REASONS.getOrDefault(stopReason, "stop");
    }

    /** Anthropic usage in OpenAI terms: cache reads and writes count as prompt tokens. */
    static Usage usage(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        return new Usage(promptTokens(usage), JsonFields.count(usage, "output_tokens"),
                JsonFields.count(usage, "cache_read_input_tokens"), null);
    }

    /** Input tokens plus cache reads plus cache writes. */
    static int promptTokens(JsonObject usage) {
        return JsonFields.count(usage, "input_tokens") + JsonFields.count(usage, "cache_read_input_tokens")
                + JsonFields.count(usage, "cache_creation_input_tokens");
    }

    private ProviderException malformed(String what) {
        return new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed response from provider '" + providerId + "': " + what);
    }
}
