package dev.switchboard.spi.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Finds many phrases in one pass over a text (Aho-Corasick), as whole words: a phrase that
 * starts (ends) with a word character only matches where the text has no word character just
 * before (after) it. So {@code hi} is not found in {@code this}, {@code python} not in
 * {@code python3}, while {@code c++} is found in {@code c++17}.
 *
 * <p>Phrases and text must both be {@link Words#normalize normalized}. Built once per route;
 * immutable, so one instance serves every event loop. The automaton is compiled to a dense table
 * (state x character class), so a scan costs one table read per character plus the matches,
 * whatever the number of phrases.
 *
 * <p>A helper for plugin authors, e.g. for keyword or marker lists of a router.
 */
public final class PhraseMatcher {
    private static final int[] NONE = new int[0];
    private static final int ASCII = 128;

    /** Character class of each ASCII character; class 0 is "in no phrase" and always leads to the root. */
    private final int[] asciiClass = new int[ASCII];
    /** Non-ASCII characters of the phrases, sorted; the class of {@code wideChars[k]} is {@code wideClasses[k]}. */
    private final char[] wideChars;
    private final int[] wideClasses;
    private final int width;
    /** {@code delta[state * width + class]}: the next state, failure links already followed. */
    private final int[] delta;
    private final int[][] out;
    private final int[] lengths;
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
        width = cls;
        lengths = new int[phrases.size()];
        wordStart = new boolean[phrases.size()];
        wordEnd = new boolean[phrases.size()];
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        buildTrie(phrases, trie, ends);
        delta = new int[trie.size() * width];
        out = new int[trie.size()][];
        linkFailures(trie, ends);
    }

    private int classOf(char c) {
        if (c < ASCII) {
            return asciiClass[c];
        }
        int k = Arrays.binarySearch(wideChars, c);
        return k < 0 ? 0 : wideClasses[k];
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
     * Breadth-first: each state's outputs merged with its failure link's, and its dense row: the
     * trie edge where there is one, else the failure link's row (already complete, being shallower).
     */
    private void linkFailures(List<int[]> trie, List<List<Integer>> ends) {
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        out[0] = NONE;
        for (int c = 0; c < width; c++) {
            int child = trie.get(0)[c];
            delta[c] = Math.max(0, child);
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int[] own = ends.get(s).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = out[fail[s]];
            int[] all = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, all, own.length, inherited.length);
            out[s] = all.length == 0 ? NONE : all;
            for (int c = 0; c < width; c++) {
                int child = trie.get(s)[c];
                int viaFailure = delta[fail[s] * width + c];
                if (child < 0) {
                    delta[s * width + c] = viaFailure;
                } else {
                    delta[s * width + c] = child;
                    fail[child] = viaFailure;
                    queue.add(child);
                }
            }
        }
    }

    /** Reports the index of every whole-word occurrence of a phrase in the normalized text. */
    public void scan(String text, IntConsumer onMatch) {
        scan(text.toCharArray(), text.length(), onMatch);
    }

    /** Reports the index of every whole-word occurrence of a phrase in {@code text[0, length)}, normalized. */
    public void scan(char[] text, int length, IntConsumer onMatch) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            state = delta[state * width + (c < ASCII ? asciiClass[c] : classOf(c))];
            int[] found = out[state];
            for (int id : found) {
                if (wholeWord(text, length, i + 1 - lengths[id], i + 1, id)) {
                    onMatch.accept(id);
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
}
