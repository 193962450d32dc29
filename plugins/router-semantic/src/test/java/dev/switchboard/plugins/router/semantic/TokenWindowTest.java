package dev.switchboard.plugins.router.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Which token ids are embedded: [CLS], the head, the tail (never starting inside a word), [SEP]. */
class TokenWindowTest {
    private static final long CLS = 101;
    private static final long SEP = 102;

    @Test
    void aShortTextIsEmbeddedWhole() {
        long[] ids = {CLS, 1, 2, 3, SEP};
        assertArrayEquals(ids, new TokenWindow(3, 1).apply(ids, () -> {
            throw new AssertionError("tokens are not needed when nothing is cut");
        }));
    }

    @Test
    void aLongTextKeepsItsHeadAndTail() {
        long[] ids = {CLS, 1, 2, 3, 4, 5, 6, 7, 8, SEP};
        String[] tokens = {"[CLS]", "a", "b", "c", "d", "e", "f", "g", "h", "[SEP]"};
        assertArrayEquals(new long[] {CLS, 1, 2, 7, 8, SEP}, TokenWindow.headAndTail(4).apply(ids, () -> tokens));
        assertArrayEquals(new long[] {CLS, 1, 2, 3, 4, SEP}, new TokenWindow(4, 0).apply(ids, () -> tokens));
    }

    @Test
    void theTailNeverStartsInsideAWord() {
        long[] ids = {CLS, 1, 2, 3, 4, 5, 6, 7, 8, SEP};
        String[] tokens = {"[CLS]", "a", "b", "c", "d", "e", "##f", "##g", "h", "[SEP]"};
        assertArrayEquals(new long[] {CLS, 1, 2, 3, 8, SEP}, new TokenWindow(6, 3).apply(ids, () -> tokens));
    }

    @Test
    void describesItselfAndChecksItsArguments() {
        assertEquals("head 32 + tail 32", TokenWindow.headAndTail(64).describe());
        assertEquals("head 64", new TokenWindow(64, 0).describe());
        assertThrows(IllegalArgumentException.class, () -> new TokenWindow(4, 4));
        assertThrows(IllegalArgumentException.class, () -> new TokenWindow(0, 0));
    }
}
