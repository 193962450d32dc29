package dev.switchboard.toolkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PhraseMatcher#scanText} must find what a scan of the normalized text finds, and
 * {@link PhraseMatcher#scanTextCountingWords} also count as {@link Words#count} does.
 */
class PhraseMatcherTest {
    private static final List<String> PHRASES = List.of("hi", "how does", "trade-off", "c++", "c#", "stack trace",
            "def ", "```", "über", "straße", "i̇stanbul", "ıspanak", "代码", "翻译", "こんにちは", "😀", "ok 😀", "why",
            "what's up", "k", "_x", "3.14", "a  b");

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "", "h", "hi", "this", "  hi  ", "hi!", "HI THERE", "\thi\n", "hi\u00A0there", "\u3000hi\u3000",
        "How   DOES\n\tit", "how\u2003does", "howdoes", "how  doesn't", "the TRADE-OFF.", "trade-offs",
        "C++17", "abc++", "C#", "STACK\r\n trace", "def  f", "undef x", "def\nx", "x```y```", "ÜBER alles",
        "Straße", "STRASSE", "İSTANBUL", "ISTANBUL", "ıspanak", "IŞIK", "写代码了", "请把这句话翻译成英文",
        "こんにちは世界", "x😀y", "ok   😀", "\uD83D", "\uDE00hi", "hi\uD83D", "why😀", "😀why", "ǅ why",
        "WHAT'S UP", "K", "\u212A", "a_x", "_x", "pi is 3.14!", "a b", "a  b", "𐐀 hi 𐐨", "Σ why ς"})
    void scanTextFindsWhatNormalizedScanFinds(String text) {
        assertSame(new PhraseMatcher(PHRASES.stream().map(Words::normalize).distinct().toList()), text);
    }

    @Test
    void scanTextAgreesOnRandomTexts() {
        Random random = new Random(7);
        String[] pieces = {"a", "b", "A", "B", "hi", "HI", "how", "does", " ", "  ", "\n", "\t", "\u00A0", "\u3000",
            "-", "+", "#", "'", "_", "3", ".", "ü", "Ü", "ß", "ẞ", "İ", "ı", "I", "i", "代", "码", "こ", "😀",
            "\uD83D", "\uDE00", "𐐀", "𐐨", "\u212A", "k", "Σ", "ς", "trade", "off", "c", "```", "def"};
        String[] phraseBits = {"a", "b", "hi", "how does", "trade-off", "c++", "c#", "ü", "ß", "i", "ı", "代码",
            "😀", "k", "def ", "```", "a b", "b-a", "ß ü", "σ", "i̇", "how"};
        for (int round = 0; round < 3000; round++) {
            Set<String> phrases = new LinkedHashSet<>();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                String p = Words.normalize(phraseBits[random.nextInt(phraseBits.length)]
                        + (random.nextInt(3) == 0 ? phraseBits[random.nextInt(phraseBits.length)] : ""));
                if (!p.isEmpty()) {
                    phrases.add(p);
                }
            }
            PhraseMatcher matcher = new PhraseMatcher(new ArrayList<>(phrases));
            for (int t = 0; t < 20; t++) {
                StringBuilder text = new StringBuilder();
                // long texts too: those are read as two halves
                for (int n = random.nextInt(t % 2 == 0 ? 12 : 200); n > 0; n--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                assertSame(matcher, text.toString());
            }
        }
    }

    @Test
    void scanTextAgreesAroundTheMiddleOfLongTexts() {
        PhraseMatcher matcher = new PhraseMatcher(PHRASES.stream().map(Words::normalize).distinct().toList());
        String[] around = {"how does", "how \n\t does", "hi", "trade-off", "def   x", "x```y", "ok  😀", "a  b", "代码"};
        for (String phrase : around) {
            for (int pad = 60; pad < 140; pad++) {
                String filler = "lorem ipsum ".repeat(pad / 12) + "x".repeat(pad % 12);
                assertSame(matcher, filler + " " + phrase + " " + filler + filler);
                assertSame(matcher, filler + "   \n  " + phrase + "hi " + filler + " HI");
                assertSame(matcher, filler + phrase + filler.toUpperCase());
            }
        }
    }

    private static void assertSame(PhraseMatcher matcher, String text) {
        List<Integer> expected = new ArrayList<>();
        matcher.scan(Words.normalize(text), expected::add);
        List<Integer> found = new ArrayList<>();
        matcher.scanText(text, found::add);
        assertEquals(expected, found, () -> "matches in '" + text + "'");
        List<Integer> counting = new ArrayList<>();
        int words = matcher.scanTextCountingWords(text, counting::add);
        assertEquals(expected, counting, () -> "matches in '" + text + "', counting words");
        assertEquals(Words.count(text), words, () -> "words in '" + text + "'");
    }
}
