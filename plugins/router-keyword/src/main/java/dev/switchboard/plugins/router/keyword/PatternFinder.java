package dev.switchboard.plugins.router.keyword;

import dev.switchboard.toolkit.text.Words;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code pattern.matcher(text).find()}, faster: when the pattern's source is simple enough
 * to know which ASCII characters a match can start with (literals, groups, {@code |}, {@code ?},
 * {@code *}, {@code +}, {@code \b}), the pattern is only tried where such a character (or any
 * non-ASCII character) stands, instead of at every position. A match starting with a word
 * character right after {@code \b} is also not tried after an ASCII word character. Anything else
 * in the source (classes, {@code .}, other escapes, anchors, inline flags, counted repeats,
 * non-ASCII characters) turns the shortcut off for that pattern.
 *
 * <p>Trying one position is {@code lookingAt} on the region from there to the end, with transparent
 * and non-anchoring bounds, so {@code \b} sees the text before the region, as {@code find} does.
 * Building a {@link Matcher} costs more than trying a few positions, so each thread keeps one per
 * pattern and resets it (to an empty text when done, so it holds no request text). Thread-safe.
 */
final class PatternFinder {
    private static final int ASCII = 128;

    /** {@link #starts} bit: a match may start at the character wherever it stands. */
    private static final byte ANYWHERE = 1;
    /** {@link #starts} bit: a match may start at the character where no ASCII word character precedes it. */
    private static final byte AFTER_BOUNDARY = 2;
    /** {@link #starts} bit: the character is a word character (whether a {@code \b} holds after it). */
    private static final byte WORD = 4;

    private final Pattern pattern;
    /** Per ASCII character, the bits above; null when every position must be tried. */
    private final byte[] starts;
    private final ThreadLocal<Matcher> matchers;

    PatternFinder(Pattern pattern) {
        this.pattern = pattern;
        boolean literalOrComments = (pattern.flags() & (Pattern.LITERAL | Pattern.COMMENTS | Pattern.CANON_EQ)) != 0;
        Starts found = literalOrComments ? null : Starts.of(pattern.pattern());
        this.starts = found == null ? null : found.table();
        this.matchers = ThreadLocal.withInitial(
                () -> pattern.matcher("").useTransparentBounds(true).useAnchoringBounds(false));
    }

    Pattern pattern() {
        return pattern;
    }

    /** Whether the pattern is found in the text, as {@code pattern.matcher(text).find()}. */
    boolean foundIn(String text) {
        Matcher matcher = matchers.get().reset(text);
        try {
            return starts == null ? matcher.find() : foundAtAStart(text, matcher);
        } finally {
            matcher.reset("");
        }
    }

    /** Tries the pattern at each position where a match may start. */
    private boolean foundAtAStart(String text, Matcher matcher) {
        int length = text.length();
        for (int i = nextStart(text, 0); i < length; i = nextStart(text, i + 1)) {
            if (matcher.region(i, length).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first position from {@code from} on where a match may start, or the text's length. A loop
     * without calls, which the compiler keeps tight.
     */
    private int nextStart(String text, int from) {
        byte[] table = starts;
        int length = text.length();
        // \b holds before an ASCII word character unless an ASCII word character precedes it
        boolean afterWord = from > 0 && text.charAt(from - 1) < ASCII && (table[text.charAt(from - 1)] & WORD) != 0;
        for (int i = from; i < length; i++) {
            char c = text.charAt(i);
            int bits = c < ASCII ? table[c] : ANYWHERE;
            if ((bits & ANYWHERE) != 0 || (bits & AFTER_BOUNDARY) != 0 && !afterWord) {
                return i;
            }
            afterWord = (bits & WORD) != 0;
        }
        return length;
    }

    /** The ASCII characters a match can start with: anywhere, or only where {@code \b} holds. */
    private static final class Starts {
        final boolean[] anywhere = new boolean[ASCII];
        final boolean[] afterBoundary = new boolean[ASCII];

        /** The {@link PatternFinder#starts} table of these starts. */
        byte[] table() {
            byte[] table = new byte[ASCII];
            for (char c = 0; c < ASCII; c++) {
                table[c] = (byte) ((anywhere[c] ? ANYWHERE : 0) | (afterBoundary[c] ? AFTER_BOUNDARY : 0)
                        | (Words.isWordChar(c) ? WORD : 0));
            }
            return table;
        }

        /** The starts of a pattern source, or null when the source is not simple enough to tell. */
        static Starts of(String source) {
            Starts starts = new Starts();
            Parser parser = new Parser(source, starts);
            try {
                boolean nullable = parser.alternatives(0);
                return nullable || parser.at != source.length() ? null : starts;
            } catch (Unsupported e) {
                return null;
            }
        }
    }

    /** Thrown when the source holds something the shortcut does not understand. */
    private static final class Unsupported extends Exception {
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads {@code alternatives := sequence ('|' sequence)*}, {@code sequence := (atom quantifier?)*}
     * and adds the characters that can start a match to the starts; each method answers whether
     * what it read can match the empty string. Groups nest up to a fixed depth.
     */
    private static final class Parser {
        private static final int MAX_DEPTH = 16;
        private final String source;
        private final Starts starts;
        int at;

        Parser(String source, Starts starts) {
            this.source = source;
            this.starts = starts;
        }

        boolean alternatives(int depth) throws Unsupported {
            if (depth > MAX_DEPTH) {
                throw Unsupported.INSTANCE;
            }
            boolean nullable = sequence(depth);
            while (at < source.length() && source.charAt(at) == '|') {
                at++;
                nullable |= sequence(depth);
            }
            return nullable;
        }

        /** Reads a sequence; its starts are those of its atoms up to the first that cannot be empty. */
        private boolean sequence(int depth) throws Unsupported {
            boolean open = true; // nothing consumed yet on some path: the next atom's starts count
            boolean boundary = false;
            while (at < source.length() && source.charAt(at) != '|' && source.charAt(at) != ')') {
                char c = source.charAt(at++);
                boolean nullable;
                if (c == '\\' && at < source.length() && source.charAt(at) == 'b') {
                    at++;
                    if (quantifier()) {
                        throw Unsupported.INSTANCE; // \b* or \b? may be skipped: it no longer guards the start
                    }
                    boundary |= open;
                    nullable = true;
                } else if (c == '(') {
                    nullable = group(depth, open, boundary);
                } else {
                    nullable = false;
                    char literal = literal(c);
                    if (open) {
                        add(literal, boundary);
                    }
                }
                nullable |= quantifier();
                open &= nullable;
            }
            return open;
        }

        private boolean group(int depth, boolean open, boolean boundary) throws Unsupported {
            if (source.startsWith("?:", at)) {
                at += 2;
            } else if (at < source.length() && source.charAt(at) == '?') {
                throw Unsupported.INSTANCE; // flags, look-around, named or atomic groups
            }
            Starts inner = new Starts();
            Parser parser = new Parser(source, inner);
            parser.at = at;
            boolean nullable = parser.alternatives(depth + 1);
            at = parser.at;
            if (at >= source.length() || source.charAt(at) != ')') {
                throw Unsupported.INSTANCE;
            }
            at++;
            if (open) {
                for (char c = 0; c < ASCII; c++) {
                    if (inner.anywhere[c]) {
                        add(c, boundary);
                    }
                    if (inner.afterBoundary[c]) {
                        starts.afterBoundary[c] = true;
                    }
                }
            }
            return nullable;
        }

        /** The literal character {@code c} (just read) stands for: itself, or an escaped symbol. */
        private char literal(char c) throws Unsupported {
            if (c >= ASCII || ".[]{}()*+?^$|".indexOf(c) >= 0) {
                throw Unsupported.INSTANCE;
            }
            if (c != '\\') {
                return c;
            }
            if (at >= source.length()) {
                throw Unsupported.INSTANCE;
            }
            char escaped = source.charAt(at++);
            if (escaped >= ASCII || Character.isLetterOrDigit(escaped)) {
                throw Unsupported.INSTANCE; // \d, \w, \Q, \x41, back-references, ...
            }
            return escaped;
        }

        /** Reads an optional {@code ?}, {@code *} or {@code +} (lazy or possessive too); whether it allows zero. */
        private boolean quantifier() throws Unsupported {
            if (at >= source.length()) {
                return false;
            }
            char q = source.charAt(at);
            if (q == '{') {
                throw Unsupported.INSTANCE;
            }
            if (q != '?' && q != '*' && q != '+') {
                return false;
            }
            at++;
            if (at < source.length() && (source.charAt(at) == '?' || source.charAt(at) == '+')) {
                at++;
            }
            if (at < source.length() && "?*+{".indexOf(source.charAt(at)) >= 0) {
                throw Unsupported.INSTANCE;
            }
            return q != '+';
        }

        /** Adds a start character in both cases; after {@code \b}, a word character needs the boundary. */
        private void add(char c, boolean boundary) {
            for (char variant : new char[] {c, Character.toLowerCase(c), Character.toUpperCase(c)}) {
                if (boundary && Words.isWordChar(variant)) {
                    starts.afterBoundary[variant] = true;
                } else {
                    starts.anywhere[variant] = true;
                }
            }
        }
    }
}
