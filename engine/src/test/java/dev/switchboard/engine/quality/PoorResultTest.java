package dev.switchboard.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.config.SwitchboardConfig.Escalation;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each poor-result signal on OpenAI-shaped answers, as a table: the answer's content (or tool call)
 * and finish reason, and the signal expected (empty when the answer is good).
 */
class PoorResultTest {
    static final JsonArray TOOLS = new JsonArray("""
            [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object",
              "properties": {"city": {"type": "string"}, "unit": {"type": "string"}}, "required": ["city"]}}},
             {"type": "function", "function": {"name": "now"}}]""");
    static final PoorResult ALL = new PoorResult(new Escalation(Set.copyOf(Escalation.SIGNALS), 20, Escalation.DEFAULT_REFUSAL_PHRASES, 1));
    static final ChatRequest REQUEST = ChatRequestParser.parse(new JsonObject().put("model", "auto").put("tools", TOOLS)
            .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "weather?"))));

    static ChatResponse text(String content, String finish) {
        return new ChatResponse("c1", "m", 1, List.of(new ChatResponse.Choice(0, content, List.of(), finish, new JsonObject())), null,
                new JsonObject());
    }

    static ChatResponse toolCall(String name, String arguments) {
        return new ChatResponse("c1", "m", 1, List.of(new ChatResponse.Choice(0, null,
                List.of(new dev.switchboard.spi.chat.ToolCall("call_1", name, arguments)), "tool_calls", new JsonObject())), null,
                new JsonObject());
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | stop | empty",
        "'' | stop | empty",
        "'  \n ' | stop | empty",
        "Paris is sunny. | stop | ''",
        "Paris is | length | truncated",
        "Paris is sunny today, with a light breeze. | length | ''",
        "I'm sorry, but I can't help with that. | stop | refusal",
        "I’m sorry, but I can’t help with that. | stop | refusal",
        "Thanks for asking. I'm sorry, but I can't help with that. | stop | refusal",
        "I am unable to find a cloud: sunny. | stop | ''",
        "I can help with that: sunny. | stop | ''"})
    void textSignals(String content, String finish, String expected) {
        String got = ALL.signal(REQUEST, text(content, finish));
        assertEquals(expected.isEmpty() ? null : expected, got);
    }

    @ParameterizedTest(name = "{0}({1}) -> {2}")
    @CsvSource(delimiter = '|', value = {
        "get_weather | {\"city\": \"Paris\"} | ''",
        "get_weather | {\"city\": \"Paris\", \"unit\": \"C\"} | ''",
        "get_weather | {\"city\": \"Par | invalid-tool-call",
        "get_weather | [\"Paris\"] | invalid-tool-call",
        "get_weather | {} | invalid-tool-call",
        "get_weather | {\"unit\": \"C\"} | invalid-tool-call",
        "launch_rockets | {\"city\": \"Paris\"} | invalid-tool-call",
        "now | '' | ''",
        "now | {} | ''"})
    void toolCallSignals(String name, String arguments, String expected) {
        String got = ALL.signal(REQUEST, toolCall(name, arguments));
        assertEquals(expected.isEmpty() ? null : expected, got);
    }

    @org.junit.jupiter.api.Test
    void aRefusalPhraseIsLookedForInTheFirst200CharactersOnly() {
        String answer = "Paris is sunny. ".repeat(13) + "I'm sorry, but I can't say what tomorrow brings.";
        assertNull(ALL.signal(REQUEST, text(answer, "stop")), "an apology deep in an answer is no refusal");
        assertEquals("refusal", ALL.signal(REQUEST, text("Paris is sunny. ".repeat(10) + "I'm sorry, but I can't.", "stop")));
    }

    @org.junit.jupiter.api.Test
    void aToolCallWhenNoToolWasOfferedIsInvalid() {
        ChatRequest bare = ChatRequestParser.parse(new JsonObject().put("model", "auto")
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi"))));
        assertEquals("invalid-tool-call", ALL.signal(bare, toolCall("get_weather", "{\"city\": \"Paris\"}")));
    }

    @org.junit.jupiter.api.Test
    void onlyListedSignalsCountAndTheyAreCheckedInOrder() {
        PoorResult emptyOnly = new PoorResult(new Escalation(Set.of("empty"), 200, Escalation.DEFAULT_REFUSAL_PHRASES, 1));
        assertNull(emptyOnly.signal(REQUEST, text("I'm sorry, but I can't.", "length")), "refusal and truncated are not listed");
        assertNull(emptyOnly.signal(REQUEST, toolCall("launch_rockets", "{")));
        PoorResult all200 = new PoorResult(new Escalation(Set.copyOf(Escalation.SIGNALS), 200, Escalation.DEFAULT_REFUSAL_PHRASES, 1));
        assertEquals("truncated", all200.signal(REQUEST, text("I'm sorry, but I can't", "length")), "truncated is checked before refusal");
        PoorResult custom = new PoorResult(new Escalation(Set.of("refusal"), 200, List.of("je ne peux pas"), 1));
        assertEquals("refusal", custom.signal(REQUEST, text("Je ne peux pas répondre.", "stop")));
        assertNull(custom.signal(REQUEST, text("I'm sorry, but I can't.", "stop")), "the configured list replaces the default");
        assertEquals("empty", ALL.signal(REQUEST, new ChatResponse("c1", "m", 1, List.of(), null, new JsonObject())), "no choice at all");
    }
}
