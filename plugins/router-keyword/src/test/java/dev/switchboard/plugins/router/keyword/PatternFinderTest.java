package dev.switchboard.plugins.router.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link PatternFinder} must answer exactly what {@code Matcher.find()} answers. */
class PatternFinderTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private static final List<String> PATTERNS = List.of(
            "\\bin(to)? (french|german|spanish)\\b", "\\bTODO\\b", "[a-z]+Exception", "k", "\\bk", "s\\b",
            "a?\\bc", "(?:x|y)+z", "(ab)*c", "c\\+\\+", "\\bc#", "#\\d+", "(?i)foo", "^start", "end$", "a{2}",
            "\\b(?:hello|hi)\\b", "x|", "()", "\\b(\\bq)", "über", ".", "i", "\\bi", "(a|\\b)b");

    private static final List<String> TEXTS = List.of(
            "", "translate this into French please", "INTO GERMAN", "in spanish", "within spanish", "İn french",
            "ın french", "TODO: fix", "aTODO", "NullPointerException", "K", "\u212A", "the KELVIN \u212A",
            "ſ", "bus", "abc", "a c", "_c", "é c", "xyz", "ababc", "C++ code", "x c# y", "#12", "FOO", "start end",
            "aa", "hello", "Hi!", "q", "Über", "x\uD83D\uDE00k", "\uD83D\uDE00i", "ab", " b");

    @Test
    void answersAsFindDoesForATableOfPatternsAndTexts() {
        for (String source : PATTERNS) {
            Pattern pattern = Pattern.compile(source, FLAGS);
            PatternFinder finder = new PatternFinder(pattern);
            for (String text : TEXTS) {
                assertEquals(pattern.matcher(text).find(), finder.foundIn(text), () -> source + " in '" + text + "'");
            }
        }
    }

    @Test
    void answersAsFindDoesForRandomPatternsAndTexts() {
        Random random = new Random(42);
        String[] atoms = {"a", "b", "i", "k", " ", "-", "\\b", "(a|b)", "(?:k|\\bi)", "\\.", "(b)", "x"};
        String[] quantifiers = {"", "", "", "?", "*", "+", "??", "+?"};
        String textChars = "abikxAIK .-_\u212Aı0é";
        for (int round = 0; round < 20000; round++) {
            StringBuilder source = new StringBuilder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                source.append(atoms[random.nextInt(atoms.length)]).append(quantifiers[random.nextInt(quantifiers.length)]);
                if (random.nextInt(8) == 0) {
                    source.append('|');
                }
            }
            Pattern pattern = Pattern.compile(source.toString(), FLAGS);
            PatternFinder finder = new PatternFinder(pattern);
            for (int t = 0; t < 10; t++) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(8); n > 0; n--) {
                    text.append(textChars.charAt(random.nextInt(textChars.length())));
                }
                String s = text.toString();
                assertEquals(pattern.matcher(s).find(), finder.foundIn(s), () -> source + " in '" + s + "'");
            }
        }
    }
}
