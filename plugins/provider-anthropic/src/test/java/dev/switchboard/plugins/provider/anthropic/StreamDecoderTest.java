package dev.switchboard.plugins.provider.anthropic;

import static dev.switchboard.plugins.provider.anthropic.Fixtures.SONNET;
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
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamDecoderTest {
    private final AnthropicAdapter adapter = Fixtures.adapter();

    /** How the bytes of a recorded stream reach the decoder. */
    enum Delivery {
        WHOLE, BYTE_BY_BYTE, CRLF_FRAMING_BYTE_BY_BYTE, RANDOM_PIECES, CR_ONLY_FRAMING_RANDOM_PIECES;

        List<byte[]> pieces(String sse) {
            String framed = switch (this) {
                case CRLF_FRAMING_BYTE_BY_BYTE -> sse.replace("\n", "\r\n");
                case CR_ONLY_FRAMING_RANDOM_PIECES -> sse.replace("\n", "\r");
                default -> sse;
            };
            byte[] bytes = framed.getBytes(StandardCharsets.UTF_8);
            List<byte[]> out = new ArrayList<>();
            Random random = new Random(42);
            int i = 0;
            while (i < bytes.length) {
                int n = switch (this) {
                    case WHOLE -> bytes.length;
                    case BYTE_BY_BYTE, CRLF_FRAMING_BYTE_BY_BYTE -> 1;
                    default -> 1 + random.nextInt(40);
                };
                n = Math.min(n, bytes.length - i);
                byte[] piece = new byte[n];
                System.arraycopy(bytes, i, piece, 0, n);
                out.add(piece);
                i += n;
            }
            return out;
        }
    }

    static Stream<Arguments> streams() {
        List<Arguments> out = new ArrayList<>();
        for (String fixture : List.of("text-with-ping", "tool-use", "parallel-tools-cached")) {
            for (Delivery delivery : Delivery.values()) {
                out.add(Arguments.of(fixture, delivery));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} delivered {1}")
    @MethodSource("streams")
    void decodesRecordedStreamToOpenAiChunks(String fixture, Delivery delivery) {
        StreamDecoder decoder = adapter.streamDecoder(SONNET);
        List<ChatChunk> chunks = new ArrayList<>();
        for (byte[] piece : delivery.pieces(GoldenFixtures.text("streams/" + fixture + ".sse"))) {
            decoder.feed(Buffer.buffer(piece), chunks::add);
        }
        assertTrue(decoder.done(), "done after message_stop");
        decoder.end(chunks::add);
        GoldenFixtures.assertJson(GoldenFixtures.array("streams/" + fixture + ".chunks.json"), toJson(chunks), fixture + " " + delivery);
    }

    static Stream<Delivery> deliveries() {
        return Stream.of(Delivery.values());
    }

    @ParameterizedTest(name = "delivered {0}")
    @MethodSource("deliveries")
    void errorEventMidStreamThrowsMappedError(Delivery delivery) {
        StreamDecoder decoder = adapter.streamDecoder(SONNET);
        List<ChatChunk> chunks = new ArrayList<>();
        ProviderException e = assertThrows(ProviderException.class, () -> {
            for (byte[] piece : delivery.pieces(GoldenFixtures.text("streams/error-mid-stream.sse"))) {
                decoder.feed(Buffer.buffer(piece), chunks::add);
            }
            decoder.end(chunks::add);
        });
        assertEquals(ErrorKind.OVERLOADED, e.kind());
        assertEquals("overloaded_error", e.code());
        assertEquals("Overloaded", e.getMessage());
        GoldenFixtures.assertJson(GoldenFixtures.array("streams/error-mid-stream.chunks.json"), toJson(chunks), "chunks before the error");
    }

    @Test
    void endBeforeMessageStopIsConnectionError() {
        String sse = GoldenFixtures.text("streams/text-with-ping.sse");
        String truncated = sse.substring(0, sse.indexOf("event: message_delta"));
        StreamDecoder decoder = adapter.streamDecoder(SONNET);
        List<ChatChunk> chunks = new ArrayList<>();
        decoder.feed(Buffer.buffer(truncated), chunks::add);
        assertFalse(decoder.done());
        ProviderException e = assertThrows(ProviderException.class, () -> decoder.end(chunks::add));
        assertEquals(ErrorKind.CONNECTION, e.kind());
        assertTrue(e.getMessage().contains("stream ended before message_stop"), e.getMessage());
        assertEquals(3, chunks.size(), "role chunk and both text deltas still delivered");
    }

    @Test
    void lastEventWithoutBlankLineIsStillDecoded() {
        String sse = GoldenFixtures.text("streams/text-with-ping.sse").stripTrailing();
        StreamDecoder decoder = adapter.streamDecoder(SONNET);
        List<ChatChunk> chunks = new ArrayList<>();
        decoder.feed(Buffer.buffer(sse), chunks::add);
        decoder.end(chunks::add);
        assertTrue(decoder.done());
        assertEquals(5, chunks.size());
    }

    @Test
    void multiByteCharactersSplitAcrossPiecesSurvive() {
        String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_u\",\"model\":\"m\",\"usage\":{\"input_tokens\":3}}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Grüße ✓ 👋\"}}\n\n";
        StreamDecoder decoder = adapter.streamDecoder(SONNET);
        StringBuilder text = new StringBuilder();
        for (byte[] piece : Delivery.BYTE_BY_BYTE.pieces(sse)) {
            decoder.feed(Buffer.buffer(piece), c -> c.choices().forEach(d -> text.append(d.content() == null ? "" : d.content())));
        }
        assertEquals("Grüße ✓ 👋", text.toString());
    }

    @Test
    void garbageInStreamIsMalformedResponse() {
        StreamDecoder decoder = adapter.streamDecoder(SONNET);
        ProviderException e = assertThrows(ProviderException.class, () -> decoder.feed(Buffer.buffer("data: <html>\n\n"), c -> { }));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
    }

    @Test
    void contentBeforeMessageStartIsMalformedResponse() {
        StreamDecoder decoder = adapter.streamDecoder(SONNET);
        Buffer event = Buffer.buffer("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n");
        ProviderException e = assertThrows(ProviderException.class, () -> decoder.feed(event, c -> { }));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
    }

    private static JsonArray toJson(List<ChatChunk> chunks) {
        JsonArray out = new JsonArray();
        chunks.forEach(c -> out.add(c.toJson()));
        return out;
    }
}
