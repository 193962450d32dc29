package dev.switchboard.spi.support;

/**
 * What a word is, for matching and for counting, in any script.
 *
 * <p>Letters and digits of every script (plus {@code _}, as in identifiers) form words, everything
 * else separates them. Scripts written without spaces (Chinese, Japanese) are the exception: each
 * ideograph or kana is a word of its own, so {@code 代码} is found inside {@code 帮我写代码} and a
 * Chinese sentence is not counted as one word.
 *
 * <p>A helper for plugin authors: routers that match keywords or count words in request text use
 * these functions so that they agree with each other and with {@link PhraseMatcher}.
 */
public final class Words {

    private static final int ASCII = 128;
    private static final boolean[] ASCII_SPACE = new boolean[ASCII];
    private static final char[] ASCII_LOWER = new char[ASCII];
    private static final boolean[] ASCII_WORD = new boolean[ASCII];
    private static final boolean[] ASCII_LETTER_OR_DIGIT = new boolean[ASCII];

    static {
        // tables give the same answers as the general code below, for the characters of most texts
        for (char c = 0; c < ASCII; c++) {
            ASCII_SPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
            ASCII_LOWER[c] = Character.toLowerCase(c);
            ASCII_WORD[c] = Character.isLetterOrDigit(c) || c == '_';
            ASCII_LETTER_OR_DIGIT[c] = Character.isLetterOrDigit(c);
        }
    }

    private Words() {
    }

    /** Whether the code point is part of a word that must not be cut by a match. */
    public static boolean isWordChar(int cp) {
        if (cp < ASCII) {
            return ASCII_WORD[cp];
        }
        return (Character.isLetterOrDigit(cp) || cp == '_') && !standsAlone(cp);
    }

    /** Whether the code point is a word by itself (ideographs, hiragana, katakana). */
    public static boolean standsAlone(int cp) {
        if (cp < 0x2E80) {
            return false; // fast path: nothing below the CJK radicals block stands alone
        }
        if (Character.isIdeographic(cp)) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }

    /**
     * The text lower-cased character by character, with every run of white space turned into one
     * space. Keywords and request text go through the same function, so they compare exactly.
     */
    public static String normalize(CharSequence text) {
        char[] out = new char[text.length()];
        return new String(out, 0, normalize(text, out));
    }

    /**
     * {@link #normalize(CharSequence)} into {@code out} (at least as long as the text), without
     * building a string; answers the normalized length.
     */
    public static int normalize(CharSequence text, char[] out) {
        int n = text.length();
        // one bulk copy, then rewritten in place: the write index never passes the read index
        text.toString().getChars(0, n, out, 0);
        int length = 0;
        boolean space = true; // drops leading white space
        for (int i = 0; i < n; i++) {
            char c = out[i];
            boolean white = c < ASCII ? ASCII_SPACE[c] : Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (white) {
                if (!space) {
                    out[length++] = ' ';
                }
                space = true;
            } else {
                out[length++] = c < ASCII ? ASCII_LOWER[c] : Character.toLowerCase(c);
                space = false;
            }
        }
        return length;
    }

    /**
     * Counts words: white-space separated pieces holding at least one letter or digit
     * ({@code what's}, {@code trade-off} and {@code 3.14} are one word each), with each
     * ideograph or kana counted as one word.
     */
    public static int count(CharSequence text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c < ASCII) {
                i++;
                if (ASCII_SPACE[c]) {
                    inWord = false;
                } else if (!inWord && ASCII_LETTER_OR_DIGIT[c]) {
                    count++;
                    inWord = true;
                }
                continue;
            }
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (standsAlone(cp)) {
                count++;
                inWord = false;
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                inWord = false;
            } else if (!inWord && Character.isLetterOrDigit(cp)) {
                count++;
                inWord = true;
            }
        }
        return count;
    }
}
