package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.ChatChunk.Delta;
import dev.switchboard.spi.chat.ChatChunk.ToolCallDelta;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.toolkit.stream.SseStreamDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes an Anthropic Messages stream into OpenAI chunks, event by event:
 * {@code message_start} gives the role chunk, text deltas become content, a {@code tool_use}
 * block becomes a tool call (numbered by its position among the tool calls, not among all
 * blocks) whose {@code input_json_delta}s are its argument fragments, {@code message_delta} gives
 * the finish reason, and {@code message_stop} the usage-only chunk. Pings, block stops, thinking
 * and event kinds added later are skipped. Not thread-safe: one decoder per stream.
 */
final class AnthropicStreamDecoder extends SseStreamDecoder {
    private final String providerId;
    private final ErrorMapper errors;
    private final String fallbackModel;
    private final long created;
    /** Anthropic content block index to OpenAI tool call index. */
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final AnthropicDeltaReader fast = new AnthropicDeltaReader();
    private String id;
    private String model;
    private int promptTokens;
    private int cachedTokens;
    private int outputTokens;

    /**
     * @param fallbackModel the model named in chunks when {@code message_start} names none
     * @param created       the {@code created} timestamp of every chunk
     */
    AnthropicStreamDecoder(String providerId, ErrorMapper errors, String fallbackModel, long created) {
        this.providerId = providerId;
        this.errors = errors;
        this.fallbackModel = fallbackModel;
        this.created = created;
    }

    @Override
    protected ProviderException endedEarly() {
        return new ProviderException(ErrorKind.CONNECTION, "provider '" + providerId + "': stream ended before message_stop");
    }

    /**
     * The events of every token ({@code content_block_delta}, and {@code ping}s and block stops)
     * are read from their bytes with Jackson's streaming parser into {@link #fast}, no tree; any
     * other event, or one the fast reader does not understand, takes the full path below.
     */
    @Override
    protected void onEvent(String event, byte[] data, int length, Consumer<ChatChunk> out) {
        if (done() || blank(data, length)) {
            return;
        }
        if (fast.read(data, length)) {
            switch (fast.type) {
                case "content_block_delta" -> {
                    if (fast.deltaType == null) {
                        break; // not a delta we know: the full path reads it
                    }
                    onFastDelta(out);
                    return;
                }
                case "ping", "content_block_stop" -> {
                    return;
                }
                default -> {
                    // message_start, message_delta, errors...: once per stream, the full path
                }
            }
        }
        super.onEvent(event, data, length, out);
    }

    private void onFastDelta(Consumer<ChatChunk> out) {
        requireStarted("content_block_delta");
        if ("text_delta".equals(fast.deltaType)) {
            emitText(fast.text, out);
        } else if ("input_json_delta".equals(fast.deltaType)) {
            Integer toolIndex = fast.hasIndex ? toolIndexByBlock.get(fast.index) : null;
            if (toolIndex == null) {
                throw malformed("input_json_delta for content block " + (fast.hasIndex ? fast.index : null)
                        + ", which is not a tool_use block");
            }
            if (fast.partialJson != null && !fast.partialJson.isEmpty()) {
                ToolCallDelta call = new ToolCallDelta(toolIndex, null, null, fast.partialJson);
                out.accept(chunk(new Delta(0, null, null, List.of(call), null)));
            }
        }
    }

    @Override
    protected void onEvent(String event, String payload, Consumer<ChatChunk> out) {
        if (done() || payload.isBlank()) {
            return;
        }
        JsonObject json = JsonFields.parseObject(payload);
        if (json == null) {
            throw malformed("event '" + event + "' does not carry a JSON object: " + JsonFields.truncate(payload));
        }
        String type = JsonFields.string(json, "type");
        switch (type == null ? event : type) {
            case "message_start" -> onMessageStart(json, out);
            case "content_block_start" -> onBlockStart(json, out);
            case "content_block_delta" -> onBlockDelta(json, out);
            case "message_delta" -> onMessageDelta(json, out);
            case "message_stop" -> onMessageStop(out);
            case "error" -> throw errors.fromError(0, null, JsonFields.object(json, "error"));
            default -> {
                // ping, content_block_stop, and event kinds Anthropic may add: nothing to emit
            }
        }
    }

    private void onMessageStart(JsonObject json, Consumer<ChatChunk> out) {
        JsonObject message = JsonFields.object(json, "message");
        String messageId = JsonFields.string(message, "id");
        id = messageId == null ? "msg-unknown" : messageId;
        String upstreamModel = JsonFields.string(message, "model");
        model = upstreamModel == null ? fallbackModel : upstreamModel;
        readUsage(JsonFields.object(message, "usage"));
        out.accept(chunk(new Delta(0, "assistant", "", List.of(), null)));
    }

    private void onBlockStart(JsonObject json, Consumer<ChatChunk> out) {
        requireStarted("content_block_start");
        JsonObject block = JsonFields.object(json, "content_block");
        String type = JsonFields.string(block, "type");
        if ("text".equals(type)) {
            emitText(JsonFields.string(block, "text"), out);
        } else if ("tool_use".equals(type)) {
            Integer blockIndex = JsonFields.integer(json, "index");
            int toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(blockIndex, toolIndex);
            ToolCallDelta call = new ToolCallDelta(toolIndex, JsonFields.string(block, "id"), JsonFields.string(block, "name"), "");
            out.accept(chunk(new Delta(0, null, null, List.of(call), null)));
        }
    }

    private void onBlockDelta(JsonObject json, Consumer<ChatChunk> out) {
        requireStarted("content_block_delta");
        JsonObject delta = JsonFields.object(json, "delta");
        String type = JsonFields.string(delta, "type");
        if ("text_delta".equals(type)) {
            emitText(JsonFields.string(delta, "text"), out);
        } else if ("input_json_delta".equals(type)) {
            Integer toolIndex = toolIndexByBlock.get(JsonFields.integer(json, "index"));
            if (toolIndex == null) {
                throw malformed("input_json_delta for content block " + json.getValue("index") + ", which is not a tool_use block");
            }
            String fragment = JsonFields.string(delta, "partial_json");
            if (fragment != null && !fragment.isEmpty()) {
                ToolCallDelta call = new ToolCallDelta(toolIndex, null, null, fragment);
                out.accept(chunk(new Delta(0, null, null, List.of(call), null)));
            }
        }
    }

    private void onMessageDelta(JsonObject json, Consumer<ChatChunk> out) {
        requireStarted("message_delta");
        readUsage(JsonFields.object(json, "usage"));
        String finish = ResponseTranslator.finishReason(JsonFields.string(JsonFields.object(json, "delta"), "stop_reason"));
        if (finish != null) {
            out.accept(chunk(new Delta(0, null, null, List.of(), finish)));
        }
    }

    private void onMessageStop(Consumer<ChatChunk> out) {
        requireStarted("message_stop");
        markDone();
        out.accept(ChatChunk.usageOnly(id, model, created, new Usage(promptTokens, outputTokens, cachedTokens, null)));
    }

    // message_start carries the input tokens, message_delta the output tokens; newer API versions
    // repeat the (cumulative) input counts in message_delta, and the later count wins.
    private void readUsage(JsonObject usage) {
        if (usage == null) {
            return;
        }
        if (usage.containsKey("input_tokens")) {
            promptTokens = ResponseTranslator.promptTokens(usage);
            cachedTokens = JsonFields.count(usage, "cache_read_input_tokens");
        }
        if (usage.containsKey("output_tokens")) {
            outputTokens = JsonFields.count(usage, "output_tokens");
        }
    }

    private void emitText(String text, Consumer<ChatChunk> out) {
        if (text != null && !text.isEmpty()) {
            out.accept(chunk(new Delta(0, null, text, List.of(), null)));
        }
    }

    private ChatChunk chunk(Delta delta) {
        return new ChatChunk(id, model, created, List.of(delta), null);
    }

    private void requireStarted(String event) {
        if (id == null) {
            throw malformed("event '" + event + "' came before message_start");
        }
    }

    private ProviderException malformed(String what) {
        return new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed stream from provider '" + providerId + "': " + what);
    }
}
