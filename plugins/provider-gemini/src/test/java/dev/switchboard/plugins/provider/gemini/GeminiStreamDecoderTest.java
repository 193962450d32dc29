package dev.switchboard.plugins.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiStreamDecoderTest {

    private final ProviderAdapter adapter = new GeminiAdapter("google", GeminiAdapterFactory.DEFAULT_BASE_URL, "k", Map.of());

    /** How the recorded bytes are cut and framed before they reach the decoder. */
    enum Feeding { WHOLE, BYTE_BY_BYTE, CRLF_FRAMING, LF_FRAMING }

    @ParameterizedTest(name = "{0} fed {1}")
    @CsvSource({"text,WHOLE", "text,BYTE_BY_BYTE", "text,CRLF_FRAMING", "text,LF_FRAMING",
        "function-call,WHOLE", "function-call,BYTE_BY_BYTE", "function-call,CRLF_FRAMING", "function-call,LF_FRAMING"})
    void decodesRecordedStream(String name, Feeding feeding) {
        StreamDecoder decoder = adapter.streamDecoder(Fixtures.FLASH);
        List<ChatChunk> chunks = new ArrayList<>();
        for (Buffer piece : pieces(GoldenFixtures.text("streams/" + name + ".sse"), feeding)) {
            decoder.feed(piece, chunks::add);
        }
        assertTrue(decoder.done());
        decoder.end(chunks::add);
        JsonArray actual = new JsonArray();
        chunks.forEach(c -> actual.add(Fixtures.withoutCreated(c.toJson())));
        JsonArray expected = GoldenFixtures.array("streams/" + name + ".chunks.json");
        assertEquals(expected, actual, () -> "expected " + expected.encodePrettily() + "\nbut got " + actual.encodePrettily());
        assertEquals(1, chunks.stream().map(ChatChunk::created).distinct().count());
    }

    private static List<Buffer> pieces(String sse, Feeding feeding) {
        String lf = sse.replace("\r\n", "\n");
        List<Buffer> out = new ArrayList<>();
        switch (feeding) {
            case WHOLE -> out.add(Buffer.buffer(sse));
            case CRLF_FRAMING -> out.add(Buffer.buffer(lf.replace("\n", "\r\n")));
            case LF_FRAMING -> out.add(Buffer.buffer(lf));
            case BYTE_BY_BYTE -> {
                for (byte b : sse.getBytes(StandardCharsets.UTF_8)) {
                    out.add(Buffer.buffer(new byte[] {b}));
                }
            }
        }
        return out;
    }

    @Test
    void streamClosedBeforeFinishReasonIsConnectionError() {
        StreamDecoder decoder = adapter.streamDecoder(Fixtures.FLASH);
        List<ChatChunk> chunks = new ArrayList<>();
        String first = GoldenFixtures.text("streams/text.sse").split("\r\n\r\n")[0] + "\r\n\r\n";
        decoder.feed(Buffer.buffer(first), chunks::add);
        assertFalse(decoder.done());
        assertEquals(1, chunks.size());
        ProviderException e = assertThrows(ProviderException.class, () -> decoder.end(chunks::add));
        assertEquals(ErrorKind.CONNECTION, e.kind());
    }

    @Test
    void lastEventWithoutBlankLineIsStillDecodedAtEnd() {
        StreamDecoder decoder = adapter.streamDecoder(Fixtures.FLASH);
        List<ChatChunk> chunks = new ArrayList<>();
        decoder.feed(Buffer.buffer("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}]}, \"finishReason\": \"STOP\"}]}"), chunks::add);
        decoder.end(chunks::add);
        assertEquals(1, chunks.size());
        assertEquals("Hi", chunks.get(0).choices().get(0).content());
        assertEquals("stop", chunks.get(0).choices().get(0).finishReason());
        assertEquals("gemini-2.5-flash", chunks.get(0).model());
        assertTrue(decoder.done());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"error\": {\"code\": 429, \"message\": \"Resource has been exhausted\", \"status\": \"RESOURCE_EXHAUSTED\"}}|RATE_LIMITED",
        "{\"error\": {\"code\": 500, \"message\": \"An internal error has occurred.\", \"status\": \"INTERNAL\"}}|UPSTREAM_5XX",
        "{\"promptFeedback\": {\"blockReason\": \"SAFETY\"}, \"usageMetadata\": {\"promptTokenCount\": 4}}|CONTENT_FILTER",
        "{not json|MALFORMED_RESPONSE"})
    void errorInsideTheStreamIsThrown(String event, ErrorKind kind) {
        StreamDecoder decoder = adapter.streamDecoder(Fixtures.FLASH);
        ProviderException e = assertThrows(ProviderException.class, () -> decoder.feed(Buffer.buffer("data: " + event + "\r\n\r\n"), c -> { }));
        assertEquals(kind, e.kind());
    }

    @Test
    void safetyStopMidStreamFinishesWithContentFilter() {
        StreamDecoder decoder = adapter.streamDecoder(Fixtures.FLASH);
        List<ChatChunk> chunks = new ArrayList<>();
        decoder.feed(Buffer.buffer("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Step one\"}], \"role\": \"model\"}, \"index\": 0}]}\n\n"
                + "data: {\"candidates\": [{\"finishReason\": \"SAFETY\", \"index\": 0, \"safetyRatings\": []}]}\n\n"), chunks::add);
        decoder.end(chunks::add);
        assertEquals(2, chunks.size());
        ChatChunk.Delta last = chunks.get(1).choices().get(0);
        assertEquals(null, last.role());
        assertEquals(null, last.content());
        assertEquals("content_filter", last.finishReason());
    }
}
