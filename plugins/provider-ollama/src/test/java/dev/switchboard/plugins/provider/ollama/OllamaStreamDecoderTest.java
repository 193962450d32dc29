package dev.switchboard.plugins.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaStreamDecoderTest {

    /** Piece sizes that split lines, JSON tokens and multi-byte UTF-8 characters anywhere. */
    private static final int[][] SPLITS = {{Integer.MAX_VALUE}, {1}, {2, 3, 5, 7, 11, 13}, {64, 1, 17}};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tools"})
    void decodesTheNdjsonStreamToTheGoldenChunksHoweverItIsSplit(String name) {
        byte[] bytes = GoldenFixtures.text("stream/" + name + ".ndjson").getBytes(StandardCharsets.UTF_8);
        JsonArray expected = GoldenFixtures.array("stream/" + name + ".chunks.json");

        for (int[] split : SPLITS) {
            StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);
            List<ChatChunk> chunks = feed(decoder, bytes, split);
            assertTrue(decoder.done(), "done after the done:true line, split " + Arrays.toString(split));
            decoder.end(chunks::add);
            assertEquals(expected, toJson(chunks), "split " + Arrays.toString(split));
        }
    }

    @Test
    void theLastLineMayLackItsNewline() {
        String ndjson = GoldenFixtures.text("stream/text.ndjson").stripTrailing();
        StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);
        List<ChatChunk> chunks = feed(decoder, ndjson.getBytes(StandardCharsets.UTF_8), new int[] {Integer.MAX_VALUE});
        assertFalse(decoder.done());

        decoder.end(chunks::add);

        assertTrue(decoder.done());
        assertEquals(GoldenFixtures.array("stream/text.chunks.json"), toJson(chunks));
    }

    @Test
    void endingWithoutTheDoneLineIsAConnectionError() {
        String firstTwoLines = String.join("\n", GoldenFixtures.text("stream/text.ndjson").lines().limit(2).toList()) + "\n";
        StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);
        List<ChatChunk> chunks = feed(decoder, firstTwoLines.getBytes(StandardCharsets.UTF_8), new int[] {9});

        ProviderException e = assertThrows(ProviderException.class, () -> decoder.end(chunks::add));

        assertEquals(2, chunks.size());
        assertEquals(ErrorKind.CONNECTION, e.kind());
        assertTrue(e.kind().isTransient());
    }

    @Test
    void anErrorLineMidStreamFailsTheStream() {
        String ndjson = GoldenFixtures.text("stream/text.ndjson").lines().findFirst().orElseThrow()
                + "\n{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n";
        StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);
        List<ChatChunk> chunks = new ArrayList<>();

        ProviderException e = assertThrows(ProviderException.class, () -> decoder.feed(Buffer.buffer(ndjson), chunks::add));

        assertEquals(1, chunks.size());
        assertEquals(ErrorKind.UPSTREAM_5XX, e.kind());
        assertTrue(e.getMessage().contains("unexpected EOF"), e.getMessage());
    }

    @Test
    void aLineThatIsNotJsonIsMalformed() {
        StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);

        ProviderException e = assertThrows(ProviderException.class, () -> decoder.feed(Buffer.buffer("data: {}\n"), c -> { }));

        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
    }

    @Test
    void lengthFinishesWithLength() {
        String ndjson = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"a\"},\"done\":false}\r\n"
                + "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"length\","
                + "\"prompt_eval_count\":5,\"eval_count\":1}\r\n";
        StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);
        List<ChatChunk> chunks = feed(decoder, ndjson.getBytes(StandardCharsets.UTF_8), new int[] {1});

        assertEquals("length", chunks.get(1).choices().get(0).finishReason());
        assertEquals(6, chunks.get(2).usage().totalTokens());
    }

    private static List<ChatChunk> feed(StreamDecoder decoder, byte[] bytes, int[] sizes) {
        List<ChatChunk> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int size = Math.min(sizes[i % sizes.length], bytes.length - at);
            decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, at, at + size)), chunks::add);
            at += size;
        }
        return chunks;
    }

    private static JsonArray toJson(List<ChatChunk> chunks) {
        JsonArray out = new JsonArray();
        chunks.forEach(c -> out.add(c.toJson()));
        return out;
    }
}
