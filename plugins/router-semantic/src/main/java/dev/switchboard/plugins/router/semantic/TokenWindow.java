package dev.switchboard.plugins.router.semantic;

import java.util.function.Supplier;

/**
 * The word-piece tokens of a text that are embedded: all of them up to {@code maxTokens}; beyond
 * that, the first {@code maxTokens - tail} and the last {@code tail} (a long prompt usually states
 * its ask at the start or the end, and MiniLM's cost grows with every token). The tail never starts
 * inside a word (on a {@code ##} continuation piece).
 *
 * @param maxTokens most tokens embedded, [CLS] and [SEP] not counted
 * @param tail      how many of them come from the end of the text (0: the head only)
 */
record TokenWindow(int maxTokens, int tail) {
    private static final String CONTINUATION = "##";

    TokenWindow {
        if (maxTokens < 1 || tail < 0 || tail >= maxTokens) {
            throw new IllegalArgumentException("maxTokens must be >= 1 and tail from 0 to maxTokens - 1, got "
                    + maxTokens + ", " + tail);
        }
    }

    /** A window of {@code maxTokens}, half of them (rounded down) from the tail. */
    static TokenWindow headAndTail(int maxTokens) {
        return new TokenWindow(maxTokens, maxTokens / 2);
    }

    /**
     * The ids to embed.
     *
     * @param ids    the text's ids, [CLS] first and [SEP] last
     * @param tokens the tokens of those ids (asked only when the text is cut)
     */
    long[] apply(long[] ids, Supplier<String[]> tokens) {
        int body = ids.length - 2;
        if (body <= maxTokens) {
            return ids;
        }
        int tailStart = ids.length - 1 - tail;
        if (tail > 0) {
            String[] t = tokens.get();
            while (tailStart < ids.length - 1 && t[tailStart].startsWith(CONTINUATION)) {
                tailStart++;
            }
        }
        int head = maxTokens - tail;
        int tailLength = ids.length - 1 - tailStart;
        long[] out = new long[head + tailLength + 2];
        System.arraycopy(ids, 0, out, 0, 1 + head);
        System.arraycopy(ids, tailStart, out, 1 + head, tailLength + 1); // the tail and [SEP]
        return out;
    }

    /** Names the window in reasons and in the precomputed file, e.g. {@code head 32 + tail 32}. */
    String describe() {
        return tail == 0 ? "head " + maxTokens : "head " + (maxTokens - tail) + " + tail " + tail;
    }
}
