package dev.switchboard.plugins.router.keyword;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Finds many phrases in one pass over a text (Aho-Corasick), as whole words: a phrase that
 * starts (ends) with a word character only matches where the text has no word character just
 * before (after) it. So {@code hi} is not found in {@code this}, {@code python} not in
 * {@code python3}, while {@code c++} is found in {@code c++17}.
 *
 * <p>Phrases and text must both be {@link Words#normalize normalized}. Built once per route;
 * immutable, so one instance serves every event loop. A scan costs O(text length + matches),
 * whatever the number of phrases.
 */
final class PhraseMatcher {
    private static final int[] NONE = new int[0];
    private static final int ASCII = 128;

    private final char[][] keys;
    private final int[][] next;
    private final int[] fail;
    private final int[][] out;
    /** The root's transitions for ASCII input: most characters of a text are read in the root state. */
    private final int[] rootAscii;
    private final int[] lengths;
    private final boolean[] wordStart;
    private final boolean[] wordEnd;

    /**
     * @param phrases normalized, non-empty, distinct phrases; a match reports the phrase's index
     */
    PhraseMatcher(List<String> phrases) {
        List<TreeMap<Character, Integer>> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        lengths = new int[phrases.size()];
        wordStart = new boolean[phrases.size()];
        wordEnd = new boolean[phrases.size()];
        buildTrie(phrases, trie, ends);
        int n = trie.size();
        keys = new char[n][];
        next = new int[n][];
        for (int s = 0; s < n; s++) {
            TreeMap<Character, Integer> edges = trie.get(s);
            keys[s] = new char[edges.size()];
            next[s] = new int[edges.size()];
            int k = 0;
            for (Map.Entry<Character, Integer> e : edges.entrySet()) {
                keys[s][k] = e.getKey();
                next[s][k++] = e.getValue();
            }
        }
        fail = new int[n];
        out = new int[n][];
        linkFailures(ends);
        rootAscii = new int[ASCII];
        for (char c = 0; c < ASCII; c++) {
            rootAscii[c] = Math.max(0, step(0, c));
        }
    }

    /** Adds each phrase to the trie (state 0 is the root) and notes its length and word edges. */
    private void buildTrie(List<String> phrases, List<TreeMap<Character, Integer>> trie, List<List<Integer>> ends) {
        trie.add(new TreeMap<>());
        ends.add(new ArrayList<>());
        for (int id = 0; id < phrases.size(); id++) {
            String p = phrases.get(id);
            int node = 0;
            for (int i = 0; i < p.length(); i++) {
                Integer child = trie.get(node).get(p.charAt(i));
                if (child == null) {
                    child = trie.size();
                    trie.get(node).put(p.charAt(i), child);
                    trie.add(new TreeMap<>());
                    ends.add(new ArrayList<>());
                }
                node = child;
            }
            ends.get(node).add(id);
            lengths[id] = p.length();
            wordStart[id] = Words.isWordChar(p.codePointAt(0));
            wordEnd[id] = Words.isWordChar(p.codePointBefore(p.length()));
        }
    }

    /** Breadth-first: each state's failure link and its outputs merged with the link's outputs. */
    private void linkFailures(List<List<Integer>> ends) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        out[0] = NONE;
        for (int child : next[0]) {
            fail[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int[] own = ends.get(s).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = out[fail[s]];
            int[] all = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, all, own.length, inherited.length);
            out[s] = all.length == 0 ? NONE : all;
            for (int k = 0; k < keys[s].length; k++) {
                int child = next[s][k];
                int f = fail[s];
                int target;
                while ((target = step(f, keys[s][k])) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = target < 0 ? 0 : target;
                queue.add(child);
            }
        }
    }

    private int step(int state, char c) {
        int k = Arrays.binarySearch(keys[state], c);
        return k < 0 ? -1 : next[state][k];
    }

    /** The next state from {@code state} on {@code c}, following failure links. */
    private int transition(int state, char c) {
        if (c < ASCII) {
            while (state != 0) {
                int target = step(state, c);
                if (target >= 0) {
                    return target;
                }
                state = fail[state];
            }
            return rootAscii[c];
        }
        int target;
        while ((target = step(state, c)) < 0 && state != 0) {
            state = fail[state];
        }
        return target < 0 ? 0 : target;
    }

    /** Reports the index of every whole-word occurrence of a phrase in the normalized text. */
    void scan(String text, IntConsumer onMatch) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            state = transition(state, c);
            for (int id : out[state]) {
                if (wholeWord(text, i + 1 - lengths[id], i + 1, id)) {
                    onMatch.accept(id);
                }
            }
        }
    }

    private boolean wholeWord(String text, int start, int end, int id) {
        if (wordStart[id] && start > 0 && Words.isWordChar(text.codePointBefore(start))) {
            return false;
        }
        return !wordEnd[id] || end >= text.length() || !Words.isWordChar(text.codePointAt(end));
    }
}
