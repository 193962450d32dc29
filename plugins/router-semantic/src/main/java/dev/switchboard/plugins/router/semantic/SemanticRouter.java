package dev.switchboard.plugins.router.semantic;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.toolkit.routing.CapableModels;
import dev.switchboard.toolkit.routing.QueryWindow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks a category (or tier) by meaning, first rule that applies:
 * <ol>
 *   <li>the request carries tools and an entry is named {@code tools}: that entry;</li>
 *   <li>the last user turn has no text (empty, image-only): the default entry;</li>
 *   <li>the query (the last user turn, plus earlier user turns with smaller weights, each cut to a
 *       bounded window) is embedded and scored against every entry's examples; the best entry wins
 *       unless its margin over the runner-up is below {@code min-margin}, then the default.</li>
 * </ol>
 * The chosen chain is then ordered so that models able to read the request's images and call its
 * tools come first (catalog models with those capabilities are appended when the chain has none).
 * Blocking: embedding a text costs milliseconds of CPU (see {@link SemanticRouterFactory#blocking()}).
 * Thread-safe.
 */
final class SemanticRouter implements Router {
    private static final String TOOLS = "tools";

    /**
     * A query window's ranking, with what the decision shows of it, formatted once (a repeated request only
     * looks it up), and the last turn's token counts (for the reason).
     *
     * @param measured e.g. {@code similarity=0.455 runner-up=reasoning margin=0.455}
     * @param scores   the same as labels
     * @param tokens   word-piece tokens of the last turn (after the character cut)
     * @param embedded those that were embedded
     */
    record Scored(ExampleIndex.Ranking ranking, String measured, Map<String, String> scores, int tokens, int embedded) {
    }

    /** Settings of one route. */
    record Settings(String labelField, int defaultIndex, double minMargin, int historyTurns, double historyWeight,
                    int maxChars, TokenWindow window, String modeName) {
    }

    private final List<Entry> entries;
    private final ExampleIndex index;
    private final Settings settings;
    /** Embeddings of request turns. */
    private final TextHashCache<MiniLmEmbedder.Embedding> embeddings;
    /** Rankings of whole query windows: a repeated request skips the example comparison too. */
    private final TextHashCache<Scored> rankings;
    private final Function<String, MiniLmEmbedder.Embedding> embedder;
    private final int toolsIndex;

    SemanticRouter(List<Entry> entries, ExampleIndex index, Settings settings, int cacheEntries,
                   Function<String, MiniLmEmbedder.Embedding> embedder) {
        this.entries = List.copyOf(entries);
        this.index = index;
        this.settings = settings;
        this.embeddings = new TextHashCache<>(cacheEntries);
        this.rankings = new TextHashCache<>(cacheEntries);
        this.embedder = embedder;
        int tools = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(TOOLS)) {
                tools = i;
            }
        }
        this.toolsIndex = tools;
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        RequestFeatures features = request.features();
        if (toolsIndex >= 0 && features.hasTools()) {
            return decide(request, toolsIndex, "request has tools", Map.of());
        }
        QueryWindow window = QueryWindow.of(request.request().messages(), settings.historyTurns(),
                settings.historyWeight(), settings.maxChars());
        if (window.empty()) {
            String why = features.hasImages() ? "image-only message" : "empty message";
            return decide(request, settings.defaultIndex(), "default (" + why + ": no text to compare)", Map.of());
        }
        Scored scored = rankings.get(window.key(), k -> score(window));
        ExampleIndex.Ranking r = scored.ranking();
        String measured = scored.measured() + " (" + settings.modeName() + windowNote(window, scored) + ")";
        if (r.runnerUp() >= 0 && r.margin() < settings.minMargin() && r.best() != settings.defaultIndex()) {
            return decide(request, settings.defaultIndex(), "default (margin below " + format(settings.minMargin())
                    + "; nearest=" + entries.get(r.best()).name() + " " + measured + ")", scored.scores());
        }
        return decide(request, r.best(), measured, scored.scores());
    }

    /** Embedding cache hits and misses of this route so far. */
    long[] embeddingCounts() {
        return embeddings.counts();
    }

    /** Ranking cache hits and misses of this route so far. */
    long[] rankingCounts() {
        return rankings.counts();
    }

    /** The window's ranking: the weighted sum of its turns' embeddings (unit length) against the examples. */
    private Scored score(QueryWindow window) {
        MiniLmEmbedder.Embedding last = null;
        float[] q = null;
        for (int t = 0; t < window.texts().size(); t++) {
            MiniLmEmbedder.Embedding e = embeddings.get(window.texts().get(t), embedder);
            if (t == 0) {
                last = e;
                if (window.texts().size() == 1) {
                    return scored(index.rank(e.vector()), e);
                }
                q = new float[e.vector().length];
            }
            float w = (float) window.weights()[t];
            for (int i = 0; i < q.length; i++) {
                q[i] += w * e.vector()[i];
            }
        }
        ExampleIndex.normalize(q, 0, q.length);
        return scored(index.rank(q), last);
    }

    private Scored scored(ExampleIndex.Ranking r, MiniLmEmbedder.Embedding last) {
        Map<String, String> scores = new LinkedHashMap<>();
        scores.put("similarity", format(r.score()));
        if (r.runnerUp() >= 0) {
            scores.put("runner-up", entries.get(r.runnerUp()).name());
        }
        scores.put("margin", format(r.margin()));
        String measured = "similarity=" + scores.get("similarity")
                + (r.runnerUp() >= 0 ? " runner-up=" + scores.get("runner-up") : "") + " margin=" + scores.get("margin");
        return new Scored(r, measured, Collections.unmodifiableMap(scores), last.tokens(), last.embedded());
    }

    /** Earlier turns used, and how the last turn was cut: to its first and last characters, then to the token window. */
    private String windowNote(QueryWindow window, Scored scored) {
        String note = "";
        if (window.earlierTurns() > 0) {
            note += ", " + window.earlierTurns() + " earlier turn" + (window.earlierTurns() == 1 ? "" : "s");
        }
        if (window.cut()) {
            note += ", embedded " + scored.embedded() + " tokens of " + window.lastTurnChars() + " chars ("
                    + settings.window().describe() + " of its first and last " + settings.maxChars() / 2 + " chars)";
        } else if (scored.embedded() < scored.tokens()) {
            note += ", embedded " + scored.embedded() + " of " + scored.tokens() + " tokens (" + settings.window().describe() + ")";
        }
        return note;
    }

    private RoutingDecision decide(RoutingRequest request, int entryIndex, String why, Map<String, String> scores) {
        Entry entry = entries.get(entryIndex);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(settings.labelField(), entry.name());
        labels.putAll(scores);
        Set<Capability> needs = CapableModels.needs(request.features());
        List<String> models = CapableModels.first(entry.models(), needs, request.catalog());
        String note = CapableModels.note(entry.models(), models, needs);
        return new RoutingDecision(models, settings.labelField() + "=" + entry.name() + " " + why + note, labels);
    }

    private static String format(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
