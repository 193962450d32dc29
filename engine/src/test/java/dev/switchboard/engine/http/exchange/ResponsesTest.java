package dev.switchboard.engine.http.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ResponsesTest {

    @Test
    void headerValuesAreVisibleAsciiAndBounded() {
        String plain = "keyword: code (matched 'function')";
        assertSame(plain, Responses.headerSafe(plain), "nothing to replace: the same string");
        assertEquals("caf? ? tab?x", Responses.headerSafe("café → tab\tx"));
        assertEquals(512, Responses.headerSafe("x".repeat(600)).length());
        assertEquals("", Responses.headerSafe(""));
    }

    @Test
    void costHasEightDecimals() {
        assertEquals("0.00001110", Responses.cost(1.11E-5));
        assertEquals("unknown", Responses.cost(null));
    }
}
