package dev.switchboard.toolkit.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Finds many phrases in one pass over a text (Aho-Corasick), as whole words: a phrase that
 * starts (ends) with a word character only matches where the text has no word character just
 * before (after) it. So {@code hi} is not found in {@code this}, {@code python} not in
 * {@code python3}, while {@code c++} is found in {@code c++17}.
 *
 * <p>Phrases must be {@link Words#normalize normalized}. {@link #scan(String, IntConsumer)} reads a
 * normalized text; {@link #scanText} reads the text as written and finds the same occurrences,
 * normalizing each character on the fly (lower case; a run of white space read as one space), and
 * {@link #scanTextCountingWords} also counts words as it goes: a router makes one pass over a
 * request and builds no copy of it.
 * Built once per route; immutable, so one instance serves every event loop. The automaton is
 * compiled to a dense table (state x character class), so a scan costs one table read per
 * character plus the matches, whatever the number of phrases.
 *
 * <p>A helper for plugin authors, e.g. for keyword or marker lists of a router.
 */
public final class PhraseMatcher {
    private static final int[] NONE = new int[0];
    private static final int ASCII = 128;
    /**
     * Bits of {@link #textAscii} below the character class: what the character does to the word
     * count, as {@code inWord = inWord & KEEPS | STARTS} and {@code words += COUNTS & ~(inWord & STARTS)}.
     */
    private static final int KIND_BITS = 3;
    /** The character is a letter or digit: a word goes on, or starts (and counts) outside a word. */
    private static final int STARTS = 1;
    /** The character leaves the in-word state as it is: punctuation and symbols. */
    private static final int KEEPS = 2;
    /** The character counts a word unless it continues one: letters, digits, ideographs and kana. */
    private static final int COUNTS = 4;
    /** The count bits by {@link Words#kind}: space, alone (a word by itself), letter or digit, other. */
    private static final int[] COUNT_BITS = {0, COUNTS, STARTS | COUNTS, KEEPS};
    /** Fewer characters than this (plus twice the longest phrase) are read in one pass, not two halves. */
    private static final int MIN_SPLIT = 64;

    /** Character class of each ASCII character; class 0 is "in no phrase" and always leads to the root. */
    private final int[] asciiClass = new int[ASCII];
    /**
     * For text as written: each ASCII character's class once normalized (white space has class
     * {@link #whiteClass}) shifted left by {@link #KIND_BITS}, or'ed with its count bits.
     */
    private final int[] textAscii = new int[ASCII];
    /** Non-ASCII characters of the phrases, sorted; the class of {@code wideChars[k]} is {@code wideClasses[k]}. */
    private final char[] wideChars;
    private final int[] wideClasses;
    /**
     * The class of any white space in text as written (the last class). It moves as a space does,
     * except after a space, where it stays put: so a run of white space reads as one space.
     */
    private final int whiteClass;
    private final int width;
    /**
     * {@code delta[state * width + class]}: the next state times {@code width}, failure links
     * already followed; bit-inverted (negative) when the next state ends a phrase.
     */
    private final int[] delta;
    private final int[][] out;
    private final int[] lengths;
    /** The length of the longest phrase: the deepest state. */
    private final int longest;
    private final boolean[] wordStart;
    private final boolean[] wordEnd;

    /**
     * Compiles the phrases into one automaton.
     *
     * @param phrases normalized, non-empty, distinct phrases; a match reports the phrase's index
     */
    public PhraseMatcher(List<String> phrases) {
        TreeSet<Character> alphabet = new TreeSet<>();
        phrases.forEach(p -> p.chars().forEach(c -> alphabet.add((char) c)));
        List<Character> wide = new ArrayList<>();
        int cls = 1;
        for (char c : alphabet) {
            if (c < ASCII) {
                asciiClass[c] = cls++;
            } else {
                wide.add(c);
            }
        }
        wideChars = new char[wide.size()];
        wideClasses = new int[wide.size()];
        for (int k = 0; k < wide.size(); k++) {
            wideChars[k] = wide.get(k);
            wideClasses[k] = cls++;
        }
        whiteClass = cls;
        width = cls + 1;
        for (char c = 0; c < ASCII; c++) {
            int normalized = Words.isSpace(c) ? whiteClass : asciiClass[Character.toLowerCase(c)];
            textAscii[c] = normalized << KIND_BITS | COUNT_BITS[Words.kind(c)];
        }
        lengths = new int[phrases.size()];
        wordStart = new boolean[phrases.size()];
        wordEnd = new boolean[phrases.size()];
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        buildTrie(phrases, trie, ends);
        longest = Arrays.stream(lengths).max().orElse(0);
        int[] next = new int[trie.size() * width];
        int[][] outputs = new int[trie.size()][];
        linkFailures(trie, ends, next, outputs);
        List<int[]> rows = readWhiteSpace(trie, next, outputs);
        out = new int[rows.size()][];
        delta = new int[rows.size() * width];
        for (int s = 0; s < rows.size(); s++) {
            out[s] = s < outputs.length ? outputs[s] : NONE;
            for (int c = 0; c < width; c++) {
                int to = rows.get(s)[c];
                boolean endsPhrase = to < outputs.length && outputs[to].length > 0;
                delta[s * width + c] = endsPhrase ? ~(to * width) : to * width;
            }
        }
    }

    private int classOf(char c) {
        if (c < ASCII) {
            return asciiClass[c];
        }
        int k = Arrays.binarySearch(wideChars, c);
        return k < 0 ? 0 : wideClasses[k];
    }

    /** The class of a non-ASCII character of text as written, once normalized. */
    private int textClassOf(char c) {
        return Words.isSpace(c) ? whiteClass : classOf(Character.toLowerCase(c));
    }

    /** Adds each phrase to the trie (state 0 is the root; -1 is no edge) and notes its length and word edges. */
    private void buildTrie(List<String> phrases, List<int[]> trie, List<List<Integer>> ends) {
        trie.add(noEdges());
        ends.add(new ArrayList<>());
        for (int id = 0; id < phrases.size(); id++) {
            String p = phrases.get(id);
            int node = 0;
            for (int i = 0; i < p.length(); i++) {
                int c = classOf(p.charAt(i));
                if (trie.get(node)[c] < 0) {
                    trie.get(node)[c] = trie.size();
                    trie.add(noEdges());
                    ends.add(new ArrayList<>());
                }
                node = trie.get(node)[c];
            }
            ends.get(node).add(id);
            lengths[id] = p.length();
            wordStart[id] = Words.isWordChar(p.codePointAt(0));
            wordEnd[id] = Words.isWordChar(p.codePointBefore(p.length()));
        }
    }

    private int[] noEdges() {
        int[] edges = new int[width];
        Arrays.fill(edges, -1);
        return edges;
    }

    /**
     * Breadth-first: each state's outputs merged with its failure link's, and its dense row in
     * {@code next}: the trie edge where there is one, else the failure link's row (already
     * complete, being shallower).
     */
    private void linkFailures(List<int[]> trie, List<List<Integer>> ends, int[] next, int[][] outputs) {
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        outputs[0] = NONE;
        for (int c = 0; c < width; c++) {
            int child = trie.get(0)[c];
            next[c] = Math.max(0, child);
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int[] own = ends.get(s).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = outputs[fail[s]];
            int[] all = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, all, own.length, inherited.length);
            outputs[s] = all.length == 0 ? NONE : all;
            for (int c = 0; c < width; c++) {
                int child = trie.get(s)[c];
                int viaFailure = next[fail[s] * width + c];
                if (child < 0) {
                    next[s * width + c] = viaFailure;
                } else {
                    next[s * width + c] = child;
                    fail[child] = viaFailure;
                    queue.add(child);
                }
            }
        }
    }

    /**
     * The rows of every state, with the white-space column filled in: white space after a state
     * reached by a space stays in that state (or, when the state ends a phrase, in an added copy
     * of it that ends none, so the phrase is reported once); elsewhere it moves as a space does.
     */
    private List<int[]> readWhiteSpace(List<int[]> trie, int[] next, int[][] outputs) {
        int space = classOf(' ');
        boolean[] afterSpace = new boolean[trie.size()];
        for (int s = 0; space > 0 && s < trie.size(); s++) {
            int child = trie.get(s)[space];
            if (child > 0) {
                afterSpace[child] = true;
            }
        }
        List<int[]> rows = new ArrayList<>();
        for (int s = 0; s < trie.size(); s++) {
            rows.add(Arrays.copyOfRange(next, s * width, (s + 1) * width));
        }
        for (int s = 0; s < trie.size(); s++) {
            int[] row = rows.get(s);
            if (!afterSpace[s]) {
                row[whiteClass] = row[space];
            } else if (outputs[s].length == 0) {
                row[whiteClass] = s;
            } else {
                int[] copy = row.clone();
                row[whiteClass] = rows.size();
                copy[whiteClass] = rows.size();
                rows.add(copy);
            }
        }
        return rows;
    }

    /** Reports the index of every whole-word occurrence of a phrase in the normalized text. */
    public void scan(String text, IntConsumer onMatch) {
        scan(text.toCharArray(), text.length(), onMatch);
    }

    /** Reports the index of every whole-word occurrence of a phrase in {@code text[0, length)}, normalized. */
    public void scan(char[] text, int length, IntConsumer onMatch) {
        int row = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            row = delta[row + (c < ASCII ? asciiClass[c] : classOf(c))];
            if (row < 0) {
                row = ~row;
                for (int id : out[row / width]) {
                    if (wholeWord(text, length, i + 1 - lengths[id], i + 1, id)) {
                        onMatch.accept(id);
                    }
                }
            }
        }
    }

    private boolean wholeWord(char[] text, int length, int start, int end, int id) {
        if (wordStart[id] && start > 0 && Words.isWordChar(Character.codePointBefore(text, start))) {
            return false;
        }
        return !wordEnd[id] || end >= length || !Words.isWordChar(Character.codePointAt(text, end, length));
    }

    /**
     * Reports the same occurrences, in the same order, as {@code scan(Words.normalize(text), onMatch)},
     * reading the text as written.
     */
    public void scanText(String text, IntConsumer onMatch) {
        scanText(text, onMatch, false);
    }

    /**
     * {@link #scanText(String, IntConsumer) Scans the text as written} and answers
     * {@link Words#count(CharSequence) Words.count(text)}, counted in the same pass.
     */
    public int scanTextCountingWords(String text, IntConsumer onMatch) {
        return scanText(text, onMatch, true);
    }

    /**
     * The scan of text as written, counting words when asked (a loop-invariant test, which the
     * compiler hoists out of the loop).
     *
     * <p>Each step of the automaton waits for the table read of the one before, so a long text is
     * read as two halves stepped side by side, which the processor overlaps. The second half's
     * automaton first reads the {@code longest + 1} normalized characters before its half, which
     * brings it to the state a single pass has there; its matches are reported after the first
     * half's. The halves meet just after a white space, where no word is open for the count.
     */
    private int scanText(String text, IntConsumer onMatch, boolean countWords) {
        int[] table = delta; // locals: the loop reads them without reloading the fields after each report
        int[] ascii = textAscii;
        int length = text.length();
        int start = 0;
        while (start < length && Words.isSpace(text.charAt(start))) {
            start++; // normalizing drops leading white space
        }
        int middle = middle(text, start);
        int row = 0;
        int words = 0;
        int inWord = 0;
        int laterRow = middle < length ? warmUp(text, startInText(text, middle - 1, longest + 1, start), middle) : 0;
        int laterWords = 0;
        int laterInWord = 0;
        Later later = middle < length ? new Later() : null;
        int i = start;
        int j = middle;
        for (; i < middle && j < length; i++, j++) {
            char c = text.charAt(i);
            char d = text.charAt(j);
            int info = c < ASCII ? ascii[c] : wideInfo(text, i);
            int laterInfo = d < ASCII ? ascii[d] : wideInfo(text, j);
            if (countWords) { // bits: COUNTS is 4, KEEPS is 2
                words += (info >>> 2) & ~(inWord & info) & 1;
                inWord = inWord & (info >>> 1) | info & STARTS;
                laterWords += (laterInfo >>> 2) & ~(laterInWord & laterInfo) & 1;
                laterInWord = laterInWord & (laterInfo >>> 1) | laterInfo & STARTS;
            }
            row = table[row + (info >>> KIND_BITS)];
            laterRow = table[laterRow + (laterInfo >>> KIND_BITS)];
            row = row >= 0 ? row : report(text, i, ~row, onMatch);
            laterRow = laterRow >= 0 ? laterRow : report(text, j, ~laterRow, later);
        }
        words += i < middle ? rest(text, i, middle, row, inWord, onMatch, countWords)
                : rest(text, j, length, laterRow, laterInWord, later, countWords);
        if (later != null) {
            later.replay(onMatch);
        }
        return words + laterWords;
    }

    /** Scans {@code text[from, to)} on from the given state; answers the words counted there. */
    private int rest(String text, int from, int to, int row, int inWord, IntConsumer onMatch, boolean countWords) {
        int words = 0;
        for (int at = from; at < to; at++) {
            int info = info(text, at);
            if (countWords) {
                words += (info >>> 2) & ~(inWord & info) & 1;
                inWord = inWord & (info >>> 1) | info & STARTS;
            }
            row = delta[row + (info >>> KIND_BITS)];
            row = row >= 0 ? row : report(text, at, ~row, onMatch);
        }
        return words;
    }

    /**
     * Where the second half starts: just after the first ASCII white space from the middle on, or
     * {@code text.length()} (no second half) when the text is short or has no such space nearby.
     */
    private int middle(String text, int start) {
        int length = text.length();
        if (length - start < MIN_SPLIT + 2 * longest) {
            return length;
        }
        int end = Math.min(length - 1, (start + length) / 2 + MIN_SPLIT);
        for (int at = (start + length) / 2; at < end; at++) {
            char c = text.charAt(at);
            if (c < ASCII && Words.kind(c) == Words.SPACE) {
                return at + 1;
            }
        }
        return length;
    }

    /** The row the automaton is in after reading {@code text[from, to)} from the root, matches ignored. */
    private int warmUp(String text, int from, int to) {
        int row = 0;
        for (int at = from; at < to; at++) {
            row = delta[row + (info(text, at) >>> KIND_BITS)];
            row = row < 0 ? ~row : row;
        }
        return row;
    }

    /**
     * The character at {@code at} as the scan needs it: its class once normalized, shifted left by
     * {@link #KIND_BITS}, or'ed with its count bits.
     */
    private int info(String text, int at) {
        char c = text.charAt(at);
        return c < ASCII ? textAscii[c] : wideInfo(text, at);
    }

    /**
     * {@link #info} of a non-ASCII character, counted as the whole code point at the high half of a
     * surrogate pair, and as punctuation (which leaves the count alone) at the low half.
     */
    private int wideInfo(String text, int at) {
        char c = text.charAt(at);
        int cls = textClassOf(c) << KIND_BITS;
        if (Character.isLowSurrogate(c) && at > 0 && Character.isHighSurrogate(text.charAt(at - 1))) {
            return cls | KEEPS;
        }
        return cls | COUNT_BITS[Words.kind(Character.codePointAt(text, at))];
    }

    /** Reports the whole-word phrases that {@code row} ends at {@code text[at]}; answers the row. */
    private int report(String text, int at, int row, IntConsumer onMatch) {
        for (int id : out[row / width]) {
            if (wholeWordInText(text, at, id)) {
                onMatch.accept(id);
            }
        }
        return row;
    }

    /** Whether phrase {@code id}, whose normalized form ends with {@code text[last]}, stands as a whole word. */
    private boolean wholeWordInText(String text, int last, int id) {
        if (wordStart[id]) {
            int start = startInText(text, last, lengths[id], 0);
            if (start > 0 && Words.isWordChar(lowerCase(Character.codePointBefore(text, start)))) {
                return false;
            }
        }
        return !wordEnd[id] || last + 1 >= text.length()
                || !Words.isWordChar(lowerCase(Character.codePointAt(text, last + 1)));
    }

    /**
     * Where in the text as written the {@code length} normalized characters ending at {@code last}
     * start, or {@code floor} if that comes first.
     */
    private static int startInText(String text, int last, int length, int floor) {
        int at = last;
        for (int k = 1; k < length && at > floor; k++) {
            at--;
            while (at > 0 && Words.isSpace(text.charAt(at)) && Words.isSpace(text.charAt(at - 1))) {
                at--; // a run of white space is one normalized space: its first character
            }
        }
        return at;
    }

    /** The code point as normalizing leaves it: lower-cased character by character. */
    private static int lowerCase(int cp) {
        return Character.isBmpCodePoint(cp) ? Character.toLowerCase((char) cp) : cp;
    }

    /** Matches in the second half of a text, held back until the first half's are reported. */
    private static final class Later implements IntConsumer {
        private int[] ids = new int[8];
        private int size;

        @Override
        public void accept(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        void replay(IntConsumer onMatch) {
            for (int k = 0; k < size; k++) {
                onMatch.accept(ids[k]);
            }
        }
    }
}
