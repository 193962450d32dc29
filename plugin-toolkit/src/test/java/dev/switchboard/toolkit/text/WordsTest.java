package dev.switchboard.toolkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {

    @ParameterizedTest(name = "''{0}'' has {1} words")
    @CsvSource(delimiter = '|', value = {
        "''                          | 0",
        "hi                          | 1",
        "'  hello   there  '         | 2",
        "what's up?                  | 2",
        "the trade-off of 3.14       | 4",
        "' — ... !!! '               | 0",
        "你好                         | 2",
        "我的Python代码               | 5",
        "Schöne Grüße aus München    | 4",
        "こんにちは                    | 5"})
    void countsWords(String text, int expected) {
        assertEquals(expected, Words.count(text));
    }

    @ParameterizedTest(name = "''{0}'' up to {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "''                      | 4 | 0",
        "hi there                | 4 | 2",
        "one two three four five | 4 | 4",
        "你好你好你好              | 4 | 4",
        "one two three four five | 0 | 0"})
    void countsUpToALimit(String text, int limit, int expected) {
        assertEquals(expected, Words.count(text, limit));
    }

    @ParameterizedTest(name = "''{1}'' in ''{0}'': {2}")
    @CsvSource(delimiter = '|', value = {
        "this                    | hi          | ''",
        "hi there                | hi          | hi",
        "python3                 | python      | ''",
        "use python, then        | python      | python",
        "my_function             | function    | ''",
        "prefunction             | function    | ''",
        "c++17 rocks             | c++         | c++",
        "abc++                   | c++         | ''",
        "the stack trace         | stack trace | stack trace",
        "why? why!               | why         | why,why",
        "写代码                   | 代码         | 代码",
        "größe über              | über        | über"})
    void matchesWholeWords(String text, String phrase, String expected) {
        PhraseMatcher matcher = new PhraseMatcher(List.of(Words.normalize(phrase)));
        List<String> found = new ArrayList<>();
        matcher.scan(Words.normalize(text), id -> found.add(phrase));
        assertEquals(expected, String.join(",", found));
    }
}
