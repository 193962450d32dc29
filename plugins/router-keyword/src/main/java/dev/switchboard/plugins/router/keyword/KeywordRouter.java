package dev.switchboard.plugins.router.keyword;

import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.toolkit.text.PhraseMatcher;
import dev.switchboard.toolkit.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks a task category, first rule that applies:
 * <ol>
 *   <li>the request carries tools: category {@code tools} (when configured);</li>
 *   <li>the last user message has fewer than {@code short-message-words} words: category
 *       {@code conversation} (when configured);</li>
 *   <li>the category with the most hits in the user's text (all user messages; system prompts and
 *       assistant turns are ignored). A hit is a distinct keyword found as a whole word, or a
 *       pattern found; ties go to the category configured first;</li>
 *   <li>no hit: the default category.</li>
 * </ol>
 * Immutable and thread-safe; one scan of the text as written whatever the number of keywords, and
 * the short-message rule reads no further than the words it needs.
 */
final class KeywordRouter implements Router {
    private static final int MAX_LISTED = 6;

    private final List<Category> categories;
    private final Category tools;
    private final Category conversation;
    private final Category fallback;
    private final int shortWords;
    private final List<String> phrases;
    private final int[][] phraseCategories;
    private final PhraseMatcher matcher;
    /** Each category's patterns, by category index. */
    private final List<List<PatternFinder>> patterns;

    KeywordRouter(List<Category> categories, int defaultIndex, int shortWords) {
        this.categories = List.copyOf(categories);
        this.fallback = categories.get(defaultIndex);
        this.shortWords = shortWords;
        this.tools = named(DefaultKeywords.TOOLS);
        this.conversation = named(DefaultKeywords.CONVERSATION);
        // one matcher over the distinct keywords of all categories; each keyword knows its categories
        Map<String, List<Integer>> owners = new LinkedHashMap<>();
        for (int c = 0; c < categories.size(); c++) {
            for (String k : categories.get(c).keywords()) {
                owners.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
            }
        }
        this.phrases = List.copyOf(owners.keySet());
        this.phraseCategories = owners.values().stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.matcher = new PhraseMatcher(phrases);
        this.patterns = categories.stream()
                .map(c -> c.patterns().stream().map(PatternFinder::new).toList()).toList();
    }

    private Category named(String name) {
        return categories.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        RequestFeatures features = request.features();
        if (tools != null && features.hasTools()) {
            return decide(tools, "reason=request has tools");
        }
        if (conversation != null && shortWords > 0) {
            int words = Words.count(features.lastUserText(), shortWords);
            if (words < shortWords) {
                return decide(conversation, "short message (" + words + (words == 1 ? " word)" : " words)"));
            }
        }
        return byHits(features.userText());
    }

    private RoutingDecision byHits(String text) {
        Tally tally = new Tally(phrases.size(), categories.size());
        if (!text.isEmpty()) {
            matcher.scanText(text, tally::keyword);
            for (int c = 0; c < categories.size(); c++) {
                for (PatternFinder p : patterns.get(c)) {
                    if (p.foundIn(text)) {
                        tally.pattern(c, p.pattern().pattern());
                    }
                }
            }
        }
        int best = -1;
        for (int c = 0; c < categories.size(); c++) {
            if (tally.hits[c] > 0 && (best < 0 || tally.hits[c] > tally.hits[best])) {
                best = c;
            }
        }
        if (best < 0) {
            return decide(fallback, "default (no keyword matched)");
        }
        return decide(categories.get(best), "matched=" + matchedList(tally, best));
    }

    private String matchedList(Tally tally, int category) {
        List<String> matched = new ArrayList<>();
        for (int i = 0; i < tally.seenCount; i++) {
            int phrase = tally.seenOrder[i];
            for (int c : phraseCategories[phrase]) {
                if (c == category) {
                    matched.add(phrases.get(phrase));
                }
            }
        }
        if (tally.patterns[category] != null) {
            tally.patterns[category].forEach(p -> matched.add("/" + p + "/"));
        }
        if (matched.size() <= MAX_LISTED) {
            return String.join(",", matched);
        }
        return String.join(",", matched.subList(0, MAX_LISTED)) + ",+" + (matched.size() - MAX_LISTED) + " more";
    }

    private static RoutingDecision decide(Category category, String why) {
        return new RoutingDecision(category.models(), "keyword category=" + category.name() + " " + why, category.labels());
    }

    /** Hits of one request: distinct keywords in the order first seen, and patterns found, per category. */
    private final class Tally {
        final boolean[] seen;
        final int[] seenOrder;
        int seenCount;
        final int[] hits;
        final List<String>[] patterns;

        @SuppressWarnings("unchecked")
        Tally(int phraseCount, int categoryCount) {
            seen = new boolean[phraseCount];
            seenOrder = new int[phraseCount];
            hits = new int[categoryCount];
            patterns = (List<String>[]) new List<?>[categoryCount];
        }

        void keyword(int phrase) {
            if (!seen[phrase]) {
                seen[phrase] = true;
                seenOrder[seenCount++] = phrase;
                for (int c : phraseCategories[phrase]) {
                    hits[c]++;
                }
            }
        }

        void pattern(int category, String source) {
            hits[category]++;
            if (patterns[category] == null) {
                patterns[category] = new ArrayList<>(2);
            }
            patterns[category].add(source);
        }
    }
}
