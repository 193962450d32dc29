package dev.switchboard.engine.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.engine.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ChatTranslatorTest {

    private static JsonObject chat(String body) {
        ResponsesRequest r = ResponsesRequest.parse(new JsonObject(body));
        return ChatTranslator.toChat(r, r.input());
    }

    private static String badParam(String body) {
        return assertThrows(ApiException.class, () -> chat(body)).param();
    }

    @Test
    void itemsBecomeMessagesWithConsecutiveCallsInOneAssistantTurn() {
        JsonObject c = chat("""
                {"model":"m","instructions":"sys","max_output_tokens":50,"input":[
                  {"role":"user","content":[{"type":"input_text","text":"hi"},{"type":"input_image","image_url":"https://x/y.png"}]},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"calling"}]},
                  {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
                  {"type":"function_call","call_id":"c2","name":"g","arguments":"{}"},
                  {"type":"reasoning","id":"rs_1","summary":[]},
                  {"type":"function_call_output","call_id":"c1","output":"one"},
                  {"type":"function_call_output","call_id":"c2","output":[{"type":"input_text","text":"two"}]}],
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],"tool_choice":{"type":"function","name":"f"}}
                """);
        JsonArray m = c.getJsonArray("messages");
        assertEquals(5, m.size(), m.encode());
        assertEquals("sys", m.getJsonObject(0).getString("content"));
        assertEquals("image_url", m.getJsonObject(1).getJsonArray("content").getJsonObject(1).getString("type"));
        assertEquals("calling", m.getJsonObject(2).getString("content"));
        assertEquals(2, m.getJsonObject(2).getJsonArray("tool_calls").size());
        assertEquals("two", m.getJsonObject(4).getString("content"));
        assertEquals(50, c.getInteger("max_completion_tokens"));
        assertEquals("f", c.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"));
        assertEquals("f", c.getJsonObject("tool_choice").getJsonObject("function").getString("name"));
    }

    @Test
    void unsupportedShapesNameTheField() {
        assertEquals("input[0].content[0].type", badParam("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\"}]}]}"));
        assertEquals("input[0].type", badParam("{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}"));
        assertEquals("input[0].role", badParam("{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}"));
        assertEquals("text.format.type", badParam("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"yaml\"}}}"));
        assertEquals("tools[1].type", badParam("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"},"
                + "{\"type\":\"file_search\"}]}"));
        assertEquals("conversation", badParam("{\"model\":\"m\",\"input\":\"x\",\"conversation\":\"conv_1\"}"));
        assertEquals("stream", badParam("{\"model\":\"m\",\"input\":\"x\",\"stream\":\"yes\"}"));
    }
}
