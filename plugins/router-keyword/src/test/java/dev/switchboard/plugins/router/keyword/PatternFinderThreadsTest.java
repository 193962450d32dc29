package dev.switchboard.plugins.router.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A {@link PatternFinder} is shared by every event loop: each thread must get its own answer. */
class PatternFinderThreadsTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    @Test
    void answersEachThreadForItsOwnText() {
        List<Pattern> patterns = List.of(Pattern.compile("\\bin(to)? (french|german|spanish)\\b", FLAGS),
                Pattern.compile("[a-z]+Exception", FLAGS));
        List<String> texts = List.of("translate this into French", "a NullPointerException here", "nothing at all",
                "ın spanish", "in   german");
        for (Pattern pattern : patterns) {
            PatternFinder finder = new PatternFinder(pattern);
            IntStream.range(0, 20_000).parallel().forEach(i -> {
                String text = texts.get(i % texts.size());
                assertEquals(pattern.matcher(text).find(), finder.foundIn(text), text);
            });
        }
    }
}
