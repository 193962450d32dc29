package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Turns a canonical chunk stream into Anthropic's event sequence: {@code message_start} and a
 * {@code ping}, then per content block {@code content_block_start}, its deltas ({@code text_delta},
 * or {@code input_json_delta} for a tool call) and {@code content_block_stop}, and at the end
 * {@code message_delta} (stop reason and usage) and {@code message_stop}. Each event goes to the
 * consumer as its name and JSON. One encoder per stream; not thread-safe.
 */
final class MessagesEventEncoder {
    private final BiConsumer<String, JsonObject> out;
    private final int estimatedInputTokens;
    private final Map<Integer, Integer> blockByTool = new HashMap<>();
    private boolean started;
    private int nextBlock;
    /** The open block's index, or -1. */
    private int openBlock = -1;
    private boolean openIsText;
    private String stopReason;

    /**
     * @param estimatedInputTokens the input tokens {@code message_start} reports (the exact count
     *                             follows in {@code message_delta})
     */
    MessagesEventEncoder(int estimatedInputTokens, BiConsumer<String, JsonObject> out) {
        this.estimatedInputTokens = estimatedInputTokens;
        this.out = out;
    }

    /** Encodes one chunk (its first choice). */
    void chunk(ChatChunk chunk) {
        if (!started) {
            start(chunk);
        }
        if (chunk.choices().isEmpty()) {
            return;
        }
        ChatChunk.Delta d = chunk.choices().get(0);
        if (d.content() != null && !d.content().isEmpty()) {
            text(d.content());
        }
        for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
            tool(t);
        }
        if (d.finishReason() != null) {
            closeBlock();
            stopReason = MessagesResponses.stopReason(d.finishReason());
        }
    }

    /** Ends the message: {@code message_delta} with the stop reason and final usage, then {@code message_stop}. */
    void end(Usage usage) {
        closeBlock();
        JsonObject u = MessagesResponses.usage(usage);
        out.accept("message_delta", new JsonObject().put("type", "message_delta")
                .put("delta", new JsonObject().put("stop_reason", stopReason == null ? "end_turn" : stopReason).put("stop_sequence", null))
                .put("usage", u));
        out.accept("message_stop", new JsonObject().put("type", "message_stop"));
    }

    private void start(ChatChunk first) {
        started = true;
        JsonObject usage = new JsonObject().put("input_tokens", estimatedInputTokens).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", 1);
        JsonObject message = new JsonObject().put("id", MessagesResponses.messageId(first.id())).put("type", "message")
                .put("role", "assistant").put("model", first.model()).put("content", new io.vertx.core.json.JsonArray())
                .put("stop_reason", null).put("stop_sequence", null).put("usage", usage);
        out.accept("message_start", new JsonObject().put("type", "message_start").put("message", message));
        out.accept("ping", new JsonObject().put("type", "ping"));
    }

    private void text(String text) {
        if (openBlock < 0 || !openIsText) {
            openBlock(new JsonObject().put("type", "text").put("text", ""), true);
        }
        delta(openBlock, new JsonObject().put("type", "text_delta").put("text", text));
    }

    private void tool(ChatChunk.ToolCallDelta t) {
        Integer block = blockByTool.get(t.index());
        if (block == null) {
            openBlock(new JsonObject().put("type", "tool_use").put("id", MessagesResponses.toolUseId(t.id()))
                    .put("name", t.name() == null ? "" : t.name()).put("input", new JsonObject()), false);
            block = openBlock;
            blockByTool.put(t.index(), block);
        }
        if (t.arguments() != null && !t.arguments().isEmpty()) {
            delta(block, new JsonObject().put("type", "input_json_delta").put("partial_json", t.arguments()));
        }
    }

    private void openBlock(JsonObject block, boolean text) {
        closeBlock();
        openBlock = nextBlock++;
        openIsText = text;
        out.accept("content_block_start", new JsonObject().put("type", "content_block_start").put("index", openBlock)
                .put("content_block", block));
    }

    private void closeBlock() {
        if (openBlock >= 0) {
            out.accept("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", openBlock));
            openBlock = -1;
        }
    }

    private void delta(int index, JsonObject delta) {
        out.accept("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", index).put("delta", delta));
    }
}
