package dev.switchboard.plugins.router.complexity;

import dev.switchboard.toolkit.text.PhraseMatcher;
import dev.switchboard.toolkit.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the signals in a text: math and reasoning markers as whole words, case-insensitive, and the
 * word count, in one pass over the text as written (no lower-cased copy of a long prompt is made);
 * code markers as literals (see {@link CodeMarkers}). Immutable and thread-safe.
 */
final class SignalDetector {
    private static final int MATH = 1;
    private static final int REASONING = 2;

    private final List<String> phrases;
    private final int[] kinds;
    private final PhraseMatcher matcher;
    private final CodeMarkers code;

    SignalDetector(List<String> mathMarkers, List<String> reasoningMarkers, List<String> codeMarkers) {
        Map<String, Integer> kindsByPhrase = new LinkedHashMap<>();
        mathMarkers.forEach(m -> kindsByPhrase.merge(Words.normalize(m).strip(), MATH, (a, b) -> a | b));
        reasoningMarkers.forEach(m -> kindsByPhrase.merge(Words.normalize(m).strip(), REASONING, (a, b) -> a | b));
        this.phrases = new ArrayList<>(kindsByPhrase.keySet());
        this.kinds = kindsByPhrase.values().stream().mapToInt(Integer::intValue).toArray();
        this.matcher = new PhraseMatcher(phrases);
        this.code = new CodeMarkers(codeMarkers);
    }

    /** The signals of the text. */
    Signals detect(String text) {
        if (text.isEmpty()) {
            return new Signals(null, null, null, 0);
        }
        String[] first = new String[3];
        int words = matcher.scanTextCountingWords(text, id -> {
            if ((kinds[id] & MATH) != 0 && first[MATH] == null) {
                first[MATH] = phrases.get(id);
            }
            if ((kinds[id] & REASONING) != 0 && first[REASONING] == null) {
                first[REASONING] = phrases.get(id);
            }
        });
        return new Signals(first[MATH], first[REASONING], code.find(text), words);
    }
}
