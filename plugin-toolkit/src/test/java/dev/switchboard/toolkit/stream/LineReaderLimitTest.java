package dev.switchboard.toolkit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderLimitTest {

    @Test
    void linesUpToTheLimitPassAcrossPieces() {
        LineReader r = new LineReader(8);
        List<String> lines = new ArrayList<>();
        r.feed(Buffer.buffer("abcd"), lines::add);
        r.feed(Buffer.buffer("efgh\r\nij\n"), lines::add);
        assertEquals(List.of("abcdefgh", "ij"), lines);
        assertTrue(r.atLineStart());
    }

    @Test
    void aLineWithoutEndFailsAtTheLimit() {
        LineReader r = new LineReader(8);
        r.feed(Buffer.buffer("abcdef"), l -> { });
        ProviderException e = assertThrows(ProviderException.class, () -> r.feed(Buffer.buffer("ghi"), l -> { }));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("longer than 8 bytes"), e.getMessage());
    }

    @Test
    void anEventOfManyShortDataLinesFailsAtTheLimit() {
        SseParser p = new SseParser(64);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            many.append("data: 0123456789\n");
        }
        ProviderException e = assertThrows(ProviderException.class, () -> p.feed(Buffer.buffer(many.toString()), (ev, d) -> { }));
        assertTrue(e.getMessage().contains("event longer than 64 bytes"), e.getMessage());
    }

    @Test
    void theParserKnowsWhenItIsBetweenEvents() {
        SseParser p = new SseParser();
        p.feed(Buffer.buffer("data: {\"a\":1}\n"), (ev, d) -> { });
        assertTrue(!p.atEventBoundary());
        p.feed(Buffer.buffer("\n"), (ev, d) -> { });
        assertTrue(p.atEventBoundary());
    }
}
