package dev.switchboard.plugins.router.complexity;

import dev.switchboard.toolkit.text.Words;
import java.util.List;

/**
 * Literal code markers such as {@code ```} or {@code def }: matched as case-sensitive substrings
 * (language keywords are lower-case, and the trailing space is part of the marker), except that a
 * marker starting with a letter must start a word, so {@code prefunction x} is not code while
 * {@code function x} is. Immutable.
 */
final class CodeMarkers {
    private static final String FENCE = "```";

    private final List<String> markers;

    CodeMarkers(List<String> markers) {
        this.markers = List.copyOf(markers);
    }

    /** The label of the first configured marker found in the text ({@code fenced} for ```), or null. */
    String find(String text) {
        for (String marker : markers) {
            if (found(text, marker)) {
                return FENCE.equals(marker) ? "fenced" : marker.strip();
            }
        }
        return null;
    }

    private static boolean found(String text, String marker) {
        boolean wordStart = Words.isWordChar(marker.codePointAt(0));
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
            if (!wordStart || at == 0 || !Words.isWordChar(text.codePointBefore(at))) {
                return true;
            }
        }
        return false;
    }
}
