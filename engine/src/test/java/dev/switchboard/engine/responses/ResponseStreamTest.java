package dev.switchboard.engine.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseStreamTest {
    private final List<JsonObject> events = new ArrayList<>();
    private final ResponseStream stream = new ResponseStream(ResponsesRequest.parse(new JsonObject("{\"model\":\"m\",\"input\":\"x\"}")),
            "resp_1", events::add);

    private static ChatChunk delta(String content, List<ChatChunk.ToolCallDelta> calls, String finish) {
        return new ChatChunk("c", "m", 1, List.of(new ChatChunk.Delta(0, null, content, calls, finish)), null);
    }

    private List<String> types() {
        return events.stream().map(e -> e.getString("type")).toList();
    }

    @Test
    void textThenTwoToolCallsBecomeThreeItemsInOrder() {
        stream.start("m");
        stream.chunk(delta("Let me ", List.of(), null));
        stream.chunk(delta("check.", List.of(), null));
        stream.chunk(delta(null, List.of(new ChatChunk.ToolCallDelta(0, "call_a", "f", "{\"a\"")), null));
        stream.chunk(delta(null, List.of(new ChatChunk.ToolCallDelta(0, null, null, ":1}")), null));
        stream.chunk(delta(null, List.of(new ChatChunk.ToolCallDelta(1, "call_b", "g", "{}")), "tool_calls"));
        JsonObject done = stream.complete(Usage.of(10, 4));
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed"), types());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).getInteger("sequence_number"));
        }
        assertEquals("Let me check.", events.get(6).getString("text"));
        assertEquals("{\"a\":1}", events.get(12).getString("arguments"));
        assertEquals(1, events.get(12).getInteger("output_index"));
        assertEquals(3, done.getJsonArray("output").size());
        assertEquals("call_b", done.getJsonArray("output").getJsonObject(2).getString("call_id"));
        assertEquals(14, done.getJsonObject("usage").getInteger("total_tokens"));
        assertEquals("completed", done.getString("status"));
    }

    @Test
    void lengthStopIsIncompleteAndFailureIsAnErrorEvent() {
        stream.start("m");
        stream.chunk(delta("cut", List.of(), "length"));
        JsonObject done = stream.complete(null);
        assertEquals("incomplete", done.getString("status"));
        assertEquals("max_output_tokens", done.getJsonObject("incomplete_details").getString("reason"));
        assertEquals("response.incomplete", events.get(events.size() - 1).getString("type"));
        stream.error(new ApiException(503, "server_error", "upstream_5xx", null, "gone", null, null));
        JsonObject error = events.get(events.size() - 1);
        assertEquals("error", error.getString("type"));
        assertEquals("upstream_5xx", error.getString("code"));
    }
}
