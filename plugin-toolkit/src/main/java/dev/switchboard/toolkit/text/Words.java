package dev.switchboard.toolkit.text;

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

    /** {@link #kind} of a code point that separates words: white space. */
    static final int SPACE = 0;
    /** {@link #kind} of a code point that is a word by itself: an ideograph or kana. */
    static final int ALONE = 1;
    /** {@link #kind} of a code point that makes a piece of text a word: a letter or digit. */
    static final int LETTER_OR_DIGIT = 2;
    /** {@link #kind} of any other code point: punctuation and symbols, which neither make nor split words. */
    static final int OTHER = 3;

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
            if (isSpace(c)) {
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

    /** Whether normalizing turns the character into a space: white space or a space separator. */
    static boolean isSpace(char c) {
        return c < ASCII ? ASCII_SPACE[c] : Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * What the code point does to the word count: {@link #SPACE}, {@link #ALONE},
     * {@link #LETTER_OR_DIGIT} or {@link #OTHER}. Shared with {@link PhraseMatcher}, which counts
     * words while it scans.
     */
    static int kind(int cp) {
        if (cp < ASCII) {
            return ASCII_SPACE[cp] ? SPACE : ASCII_LETTER_OR_DIGIT[cp] ? LETTER_OR_DIGIT : OTHER;
        }
        if (standsAlone(cp)) {
            return ALONE;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return SPACE;
        }
        return Character.isLetterOrDigit(cp) ? LETTER_OR_DIGIT : OTHER;
    }

    /**
     * Counts words: white-space separated pieces holding at least one letter or digit
     * ({@code what's}, {@code trade-off} and {@code 3.14} are one word each), with each
     * ideograph or kana counted as one word.
     */
    public static int count(CharSequence text) {
        return count(text, Integer.MAX_VALUE);
    }

    /**
     * {@link #count(CharSequence) Counts words} up to {@code limit}: answers the smaller of the
     * count and the limit, reading only as much of the text as that takes. For threshold checks
     * such as "fewer than 4 words", which then cost the same on a long text as on a short one.
     */
    public static int count(CharSequence text, int limit) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length() && count < limit; ) {
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
            int kind = kind(cp);
            if (kind == ALONE || kind == LETTER_OR_DIGIT && !inWord) {
                count++;
            }
            if (kind != OTHER) {
                inWord = kind == LETTER_OR_DIGIT;
            }
        }
        return count;
    }
}
