package dev.switchboard.spi.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class RequestFeaturesTest {

    /** Records every text it is asked to count; counts one token per 4 UTF-8 bytes, at least 1. */
    private final List<String> counted = new ArrayList<>();
    private final ToIntFunction<String> counter = s -> {
        counted.add(s);
        return s.isEmpty() ? 0 : Math.max(1, s.getBytes(StandardCharsets.UTF_8).length / 4);
    };

    private static ChatRequest request(JsonArray messages) {
        return ChatRequestParser.parse(new JsonObject().put("model", "m").put("messages", messages));
    }

    private static JsonObject msg(String role, Object content) {
        return new JsonObject().put("role", role).put("content", content);
    }

    @Test
    void flagsAndTextsNeedNoTokenCount() {
        ChatRequest r = request(new JsonArray()
                .add(msg("system", "You write python code all day"))
                .add(msg("user", new JsonArray()
                        .add(new JsonObject().put("type", "text").put("text", "what is in this picture?"))
                        .add(new JsonObject().put("type", "image_url").put("image_url",
                                new JsonObject().put("url", "data:image/png;base64,iVBORw0KGgo=")))))
                .add(msg("assistant", "a cat"))
                .add(msg("user", "and the colour?")));
        RequestFeatures f = RequestFeatures.extract(r, counter);
        assertTrue(f.hasImages());
        assertEquals(1, f.imageCount());
        assertFalse(f.hasTools());
        assertEquals("and the colour?", f.lastUserText());
        assertEquals("what is in this picture?\nand the colour?", f.userText());
        assertEquals(1000, f.outputTokensOr(1000));
        assertTrue(counted.isEmpty(), "no token counted for flags and texts: " + counted);
        assertFalse(f.tokensCounted());
    }

    @Test
    void inputFitsUsesTheByteBoundAndCountsOnlyWhenItMustAndOnce() {
        String text = "héllo wörld ".repeat(100); // 1200 chars, 1400 UTF-8 bytes
        RequestFeatures f = RequestFeatures.extract(request(new JsonArray().add(msg("user", text))), counter);
        long bound = f.inputTokenBound();
        assertEquals(3 + 4 + 1400, bound, "framing + UTF-8 bytes");
        assertTrue(f.inputFits(100_000));
        assertTrue(counted.isEmpty(), "a large window is decided by the bound alone");
        assertTrue(f.inputFits(400), "the exact count (350 + 7) fits where the bound does not");
        assertEquals(List.of(text), counted);
        assertEquals(357, f.estimatedInputTokens());
        assertFalse(f.inputFits(356));
        assertEquals(1, counted.size(), "counted once");
    }

    @Test
    void estimateCountsEveryTextToolCallsImagesAndToolDefinitions() {
        JsonObject call = new JsonObject().put("id", "c1").put("type", "function")
                .put("function", new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}"));
        JsonArray messages = new JsonArray()
                .add(msg("system", "be brief"))
                .add(msg("user", "weather in Paris?"))
                .add(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray().add(call)))
                .add(new JsonObject().put("role", "tool").put("tool_call_id", "c1").put("content", "18C sunny"));
        JsonArray tools = new JsonArray().add(new JsonObject().put("type", "function").put("function",
                new JsonObject().put("name", "get_weather").put("parameters", new JsonObject().put("type", "object"))));
        ChatRequest r = ChatRequestParser.parse(new JsonObject().put("model", "m").put("messages", messages).put("tools", tools));
        RequestFeatures f = RequestFeatures.extract(r, counter);
        int expected = 3 + 4 * 4 + counter.applyAsInt("be brief") + counter.applyAsInt("weather in Paris?")
                + counter.applyAsInt("get_weather") + counter.applyAsInt("{\"city\":\"Paris\"}")
                + counter.applyAsInt("18C sunny") + counter.applyAsInt(r.tools().encode());
        counted.clear();
        assertTrue(f.hasTools());
        assertEquals(expected, f.estimatedInputTokens());
        assertTrue(f.inputTokenBound() >= f.estimatedInputTokens());
    }

    @Test
    void boundHoldsForMultiByteText() {
        String[] texts = {"日本語のテキストです", "emoji 😀😀 and Ünïcödé", "\uD800 lone surrogate", ""};
        for (String t : texts) {
            RequestFeatures f = RequestFeatures.extract(request(new JsonArray().add(msg("user", t))), counter);
            assertTrue(f.inputTokenBound() >= 7 + t.getBytes(StandardCharsets.UTF_8).length, t);
        }
        assertEquals(1, RequestFeatures.utf8Length("a") + RequestFeatures.utf8Length(null));
        assertEquals(3, RequestFeatures.utf8Length("日"));
        assertEquals(2, RequestFeatures.utf8Length("é"));
    }

    @Test
    void userTextSkipsEmptyFirstMessagesAndSystemPrompts() {
        RequestFeatures f = RequestFeatures.extract(request(new JsonArray()
                .add(msg("developer", "code code code"))
                .add(msg("user", ""))
                .add(msg("user", "first"))
                .add(msg("user", "second"))), counter);
        assertEquals("first\nsecond", f.userText());
        assertEquals("second", f.lastUserText());
        RequestFeatures none = RequestFeatures.extract(request(new JsonArray().add(msg("system", "only"))), counter);
        assertEquals("", none.userText());
        assertEquals("", none.lastUserText());
    }
}
