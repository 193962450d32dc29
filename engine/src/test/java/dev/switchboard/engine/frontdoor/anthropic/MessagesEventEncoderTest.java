package dev.switchboard.engine.frontdoor.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ChatChunk.Delta;
import dev.switchboard.spi.chat.ChatChunk.ToolCallDelta;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical chunks to Anthropic's event sequence. */
class MessagesEventEncoderTest {

    private static ChatChunk chunk(Delta d) {
        return new ChatChunk("chatcmpl-1", "gpt-x", 1, List.of(d), null);
    }

    @Test
    void textThenToolCallThenUsage() {
        JsonArray events = new JsonArray();
        MessagesEventEncoder encoder = new MessagesEventEncoder(42, (name, data) -> {
            assertEquals(name, data.getString("type"), "the event name is the data's type");
            events.add(data);
        });
        encoder.chunk(chunk(new Delta(0, "assistant", "", List.of(), null)));
        encoder.chunk(chunk(new Delta(0, null, "Let me ", List.of(), null)));
        encoder.chunk(chunk(new Delta(0, null, "check.", List.of(), null)));
        encoder.chunk(chunk(new Delta(0, null, null, List.of(new ToolCallDelta(0, "call_1", "get_weather", "")), null)));
        encoder.chunk(chunk(new Delta(0, null, null, List.of(new ToolCallDelta(0, null, null, "{\"city\":")), null)));
        encoder.chunk(chunk(new Delta(0, null, null, List.of(new ToolCallDelta(0, null, null, "\"Paris\"}")), null)));
        encoder.chunk(chunk(new Delta(0, null, null, List.of(), "tool_calls")));
        encoder.chunk(ChatChunk.usageOnly("chatcmpl-1", "gpt-x", 1, new Usage(30, 9, 10, null)));
        encoder.end(new Usage(30, 9, 10, 0.001));

        JsonArray expected = new JsonArray("""
                [{"type": "message_start", "message": {"id": "msg_chatcmpl-1", "type": "message", "role": "assistant", "model": "gpt-x",
                   "content": [], "stop_reason": null, "stop_sequence": null,
                   "usage": {"input_tokens": 42, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 1}}},
                 {"type": "ping"},
                 {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                 {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Let me "}},
                 {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "check."}},
                 {"type": "content_block_stop", "index": 0},
                 {"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {}}},
                 {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "{\\"city\\":"}},
                 {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "\\"Paris\\"}"}},
                 {"type": "content_block_stop", "index": 1},
                 {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": null},
                  "usage": {"input_tokens": 20, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 10, "output_tokens": 9}},
                 {"type": "message_stop"}]""");
        assertEquals(expected, events);
    }

    @Test
    void finishReasonsMapToStopReasons() {
        assertEquals("end_turn", MessagesResponses.stopReason("stop"));
        assertEquals("max_tokens", MessagesResponses.stopReason("length"));
        assertEquals("tool_use", MessagesResponses.stopReason("tool_calls"));
        assertEquals("refusal", MessagesResponses.stopReason("content_filter"));
        assertEquals(new JsonObject(), MessagesResponses.input(""));
        assertEquals(new JsonObject().put("_arguments", "not json"), MessagesResponses.input("not json"));
    }
}
