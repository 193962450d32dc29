package dev.switchboard.spi.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.toolkit.chat.SourceJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streamed chunks answered as the upstream's bytes when nothing but the cost changes. */
class ChatChunkTest {

    /** OpenAI's documented stream with stream_options.include_usage: role, content, finish, usage-only. */
    private static final List<String> OPENAI = List.of(
            "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
                    + "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                    + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
                    + "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
                    + "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                    + "\"finish_reason\":\"stop\"}],\"usage\":null}",
            "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini\","
                    + "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,"
                    + "\"total_tokens\":11,\"prompt_tokens_details\":{\"cached_tokens\":0}}}");

    private static ChatChunk read(String text) {
        return ChatChunk.fromOpenAi(SourceJson.parse(Buffer.buffer(text)));
    }

    @Test
    void completeChunksAreAnsweredAsTheirBytes() {
        for (String text : OPENAI) {
            ChatChunk c = read(text);
            assertNotNull(c.source(), text);
            assertEquals(text, c.toBuffer().toString());
        }
        assertEquals("Hello", read(OPENAI.get(1)).choices().get(0).content());
        assertTrue(read(OPENAI.get(2)).hasContent(), "a finish reason is content");
    }

    @Test
    void theUsageChunkGetsTheCostSplicedIn() {
        ChatChunk last = read(OPENAI.get(3));
        String out = last.withUsage(last.usage().withCost(0.0000025)).toBuffer().toString();
        assertEquals(OPENAI.get(3).replace("\"cached_tokens\":0}}}", "\"cached_tokens\":0},\"cost\":2.5E-6}}"), out);
    }

    @Test
    void aUsageTheClientDidNotAskForIsRemovedByRebuilding() {
        String withBoth = OPENAI.get(2).replace("\"usage\":null", "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}");
        ChatChunk c = read(withBoth).withUsage(null);
        JsonObject out = new JsonObject(c.toBuffer());
        assertFalse(out.containsKey("usage"), out.encode());
        assertEquals("stop", out.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void incompleteChunksAreRebuiltInOpenAisShape() {
        ChatChunk c = read("{\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}");
        assertNull(c.source());
        JsonObject out = new JsonObject(c.toBuffer());
        assertEquals("chat.completion.chunk", out.getString("object"));
        assertEquals("hi", out.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
    }

    @Test
    void rebuiltChunksAreWrittenAsTheirJsonTreeWouldBeEncoded() {
        List<ChatChunk> chunks = List.of(
                ChatChunk.text("msg_1", "claude", 1700000000L, "assistant", "", null),
                ChatChunk.text("msg_1", "claude", 1700000000L, null, "caf\u00e9 \"quoted\" \\ \n \u2615 \ud83d\udc4b </tag>", null),
                ChatChunk.text("msg_1", "", 1L, null, null, "stop"),
                new ChatChunk("id", "m", 2L, List.of(new ChatChunk.Delta(1, null, null, List.of(
                        new ChatChunk.ToolCallDelta(0, "call_1", "get_weather", ""),
                        new ChatChunk.ToolCallDelta(1, null, null, "{\"city\":\"Par")), null)), null),
                ChatChunk.usageOnly("id", "m", 3L, new Usage(10, 5, 0, null)),
                ChatChunk.usageOnly("id", "m", 3L, new Usage(10, 5, 4, 1.25e-5)),
                ChatChunk.usageOnly("id", "m", 3L, new Usage(10, 5, 0, 0.000123)),
                ChatChunk.usageOnly("id", "m", 3L, new Usage(10, 5, 0, Double.NaN)),
                new ChatChunk("id\u0001\t", "m", 1234567890123L, List.of(new ChatChunk.Delta(0, "assistant", "", List.of(
                        new ChatChunk.ToolCallDelta(12, null, "only-name", null),
                        new ChatChunk.ToolCallDelta(3, "c", null, null)), "tool_calls"),
                        new ChatChunk.Delta(1, null, "x", null, null)), null),
                new ChatChunk("id", "m", 4L, List.of(), null));
        for (ChatChunk c : chunks) {
            String expected = c.toJson().encode();
            assertEquals(expected, c.toBuffer().toString());
            assertEquals("data: " + expected, c.appendTo(Buffer.buffer("data: ")).toString());
        }
    }
}
