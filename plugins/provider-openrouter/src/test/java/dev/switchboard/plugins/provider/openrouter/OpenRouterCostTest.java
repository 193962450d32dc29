package dev.switchboard.plugins.provider.openrouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exact cost OpenRouter reports in {@code usage.cost}, and its keep-alive comments. */
class OpenRouterCostTest {

    @Test
    void aCompleteAnswerCarriesTheExactCost() {
        ChatResponse response = Fixtures.adapter().decodeResponse(Buffer.buffer(GoldenFixtures.bytes("response/cost.json")), Fixtures.MODEL);

        assertEquals(new Usage(24, 2, 0, 0.0000096), response.usage());
        assertEquals(0.0000096, response.toJson().getJsonObject("usage").getDouble("cost"));
        assertEquals("101", response.choices().get(0).content());
        assertEquals("DeepInfra", response.extra().getString("provider"), "OpenRouter's extra fields pass through");
    }

    @Test
    void theFinalStreamChunkCarriesTheExactCostAndCommentsAreIgnored() {
        List<ChatChunk> chunks = decode(GoldenFixtures.bytes("stream/cost.sse"), Integer.MAX_VALUE);

        assertEquals("Hello there ✓", chunks.stream().flatMap(c -> c.choices().stream()).map(ChatChunk.Delta::content)
                .filter(s -> s != null).collect(Collectors.joining()));
        assertEquals("stop", chunks.get(2).choices().get(0).finishReason());
        assertNull(chunks.get(0).usage());
        assertEquals(new Usage(12, 3, 4, 0.0000168), chunks.get(chunks.size() - 1).usage());
        assertEquals(4, chunks.size(), "the comment lines produce no chunks");
    }

    @Test
    void theStreamDecodesTheSameWhateverThePieces() {
        byte[] bytes = GoldenFixtures.bytes("stream/cost.sse");
        JsonArray whole = json(decode(bytes, Integer.MAX_VALUE));

        for (int size : new int[] {1, 2, 3, 7, 50}) {
            assertEquals(whole, json(decode(bytes, size)), "pieces of " + size + " bytes");
        }
    }

    private static List<ChatChunk> decode(byte[] bytes, int pieceSize) {
        StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);
        List<ChatChunk> chunks = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += pieceSize) {
            decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + pieceSize))), chunks::add);
        }
        assertTrue(decoder.done(), "done after [DONE]");
        decoder.end(chunks::add);
        return chunks;
    }

    private static JsonArray json(List<ChatChunk> chunks) {
        JsonArray out = new JsonArray();
        chunks.forEach(c -> out.add(c.toJson()));
        return out;
    }
}
