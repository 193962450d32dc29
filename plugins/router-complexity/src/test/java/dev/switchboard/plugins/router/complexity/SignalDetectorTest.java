package dev.switchboard.plugins.router.complexity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.toolkit.text.Words;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signals of long and non-English texts: first markers in text order, words as {@link Words#count}. */
class SignalDetectorTest {
    private final SignalDetector detector = new SignalDetector(ComplexityRouterFactory.DEFAULT_MATH_MARKERS,
            ComplexityRouterFactory.DEFAULT_REASONING_MARKERS, ComplexityRouterFactory.DEFAULT_CODE_MARKERS);

    @ParameterizedTest(name = "filler of {0} words")
    @ValueSource(ints = {0, 5, 40, 100, 101, 499, 500, 501, 2000})
    void findsTheFirstMarkersOfLongTexts(int fillerWords) {
        String filler = "lorem ipsum dolor sit amet ".repeat(fillerWords / 5).strip();
        String text = filler + " so HOW\n\n  DOES this work, and why? Derive it. " + filler + " explain the proof";
        Signals s = detector.detect(text);
        assertEquals("derive", s.math());
        assertEquals("how does", s.reasoning());
        assertEquals(Words.count(text), s.words());
    }

    @Test
    void countsWordsOfAnyScriptAsWordsDoes() {
        Random random = new Random(11);
        String[] pieces = {"word ", "Wörter ", "İstanbul ", "ıslak ", "天空是蓝色的", "こんにちは ", "😀 ", "x😀y ",
            "trade-off ", "what's ", "3.14 ", " — ", "\n\n", "\u00A0", "\u3000", "\uD83D", "def ", "```"};
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(300); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertEquals(Words.count(text), detector.detect(text.toString()).words(), text::toString);
        }
    }

    @Test
    void markersAtTheVeryStartAndEnd() {
        assertEquals("why", detector.detect("Why").reasoning());
        assertEquals("proof", detector.detect("see the PROOF").math());
        assertEquals("trade-off", detector.detect("the trade-off").reasoning());
        assertEquals(null, detector.detect("wh").reasoning());
        assertEquals("trade-offs", detector.detect("trade-offs-ish").reasoning());
        assertEquals(null, detector.detect("the trade-offsish").reasoning());
    }
}
