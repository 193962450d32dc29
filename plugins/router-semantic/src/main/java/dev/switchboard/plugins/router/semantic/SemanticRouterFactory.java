package dev.switchboard.plugins.router.semantic;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The {@code semantic} router: sorts a request into a category (or a difficulty tier) by the
 * meaning of the user's text, compared with each entry's example utterances through in-process
 * sentence embeddings (all-MiniLM-L6-v2), and answers the entry's model chain. See
 * {@link SemanticRouter} for the rules. The model loads once per node, when the first semantic
 * route is built; example embeddings are kept per node, so a config reload re-embeds nothing it
 * has seen.
 */
public final class SemanticRouterFactory implements RouterFactory {
    private static final Logger LOG = Logger.getLogger(SemanticRouterFactory.class.getName());
    /** Default of {@code k}. */
    public static final int DEFAULT_K = 5;
    /** Default of {@code min-margin}. */
    public static final double DEFAULT_MIN_MARGIN = 0.02;
    /** Default of {@code history-turns}. */
    public static final int DEFAULT_HISTORY_TURNS = 2;
    /** Default of {@code history-weight}. */
    public static final double DEFAULT_HISTORY_WEIGHT = 0.5;
    /**
     * Default of {@code max-chars}: characters per token of the window. 8 per token leaves the head and tail halves
     * enough text for their tokens in English prose and code (4-5 characters a token); it bounds the tokenizer's work.
     */
    public static final int CHARS_PER_WINDOW_TOKEN = 8;
    /** Default of {@code max-tokens}. */
    public static final int DEFAULT_MAX_TOKENS = 64;
    /** Default of {@code cache-entries}. */
    public static final int DEFAULT_CACHE_ENTRIES = 10_000;

    /** Example embeddings of every semantic route of this node (precomputed for the built-in set), loaded with the model. */
    private static ExampleEmbeddings examples;

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.object("categories", "category name → `{models, examples, examples-file, description}`; give"
                    + " `categories` or `tiers`"),
            OptionSpec.object("tiers", "tier name → `{models, examples, examples-file, description}` or just `[models]`"),
            OptionSpec.string("default-category", "category used below `min-margin` and for requests without text"
                    + " (default: `general`, else `conversation`, else the first)"),
            OptionSpec.string("default-tier", "tier used below `min-margin` and for requests without text"
                    + " (default: `standard`, else the first)"),
            OptionSpec.string("mode", "`knn`: the `k` most similar examples vote; `centroid`: nearest mean example")
                    .withAllowed("knn", "centroid").withDefault("knn"),
            OptionSpec.integer("k", "examples that vote in `knn` mode").withDefault(DEFAULT_K).atLeast(1),
            OptionSpec.number("min-margin", "below this lead over the runner-up the default applies; `0` turns it off")
                    .withDefault(DEFAULT_MIN_MARGIN).atLeast(0),
            OptionSpec.integer("history-turns", "earlier user turns embedded with the last one")
                    .withDefault(DEFAULT_HISTORY_TURNS).atLeast(0),
            OptionSpec.number("history-weight", "weight of the turn before the last (the last weighs 1); it halves"
                    + " again per turn back").withDefault(DEFAULT_HISTORY_WEIGHT).atLeast(0).atMost(1),
            OptionSpec.integer("max-chars", "characters of a turn that are tokenized: longer turns keep their head and"
                    + " tail halves (default: 8 × `max-tokens`)").atLeast(16),
            OptionSpec.integer("max-tokens", "word-piece tokens of a turn that are embedded: longer turns embed their"
                    + " first and last halves").withDefault(DEFAULT_MAX_TOKENS).atLeast(8).atMost(510),
            OptionSpec.integer("cache-entries", "embeddings kept per route by text hash, least recently used dropped;"
                    + " `0` turns the cache off").withDefault(DEFAULT_CACHE_ENTRIES).atLeast(0),
            OptionSpec.bool("fallback-to-stronger", "with `tiers`: append the stronger tiers' models (those listed after"
                    + " the chosen tier) to the chain as fallbacks; categories have no order of strength and ignore it")
                    .withDefault(true));

    @Override
    public String id() {
        return "semantic";
    }

    /** Embedding a text costs milliseconds of CPU: the engine calls this router on its routing worker pool. */
    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        boolean tiers = options.getValue("tiers") != null;
        if (tiers == (options.getValue("categories") != null)) {
            throw new PluginConfigException(tiers ? "tiers" : "categories", tiers ? "cannot be given with categories: a"
                    + " semantic route picks categories or tiers" : "is required (or tiers): e.g. categories: {code:"
                    + " {models: [claude-sonnet]}, general: {models: [gpt-4o-mini]}}");
        }
        String labelField = tiers ? "tier" : "category";
        String key = tiers ? "tiers" : "categories";
        List<Entry> entries = EntryReader.read(options.getValue(key), key, labelField, context);
        boolean stronger = PluginOptions.bool(options.getValue("fallback-to-stronger"), "fallback-to-stronger", true);
        if (tiers && stronger) {
            entries = withStrongerTiers(entries);
        }
        int defaultIndex = defaultIndex(options, tiers, entries);
        requireExamples(entries, key, defaultIndex);
        SemanticRouter.Settings settings = settings(options, labelField, defaultIndex);
        int k = PluginOptions.wholeNumber(options.getValue("k"), "k", 1, DEFAULT_K);
        ExampleIndex index = new ExampleIndex(embed(entries, context.routeName()), mode(options), k, MiniLmEmbedder.DIMENSIONS);
        int cacheEntries = PluginOptions.wholeNumber(options.getValue("cache-entries"), "cache-entries", 0, DEFAULT_CACHE_ENTRIES);
        MiniLmEmbedder model = MiniLmEmbedder.shared();
        TokenWindow window = settings.window();
        return new SemanticRouter(entries, index, settings, cacheEntries, text -> model.embed(text, window));
    }

    /**
     * Each tier's chain followed by the models of the tiers listed after it (stronger: tiers are
     * listed cheapest first), each model once; so a failing or poor cheap answer can go up a tier.
     */
    static List<Entry> withStrongerTiers(List<Entry> tiers) {
        List<Entry> out = new ArrayList<>(tiers.size());
        for (int i = 0; i < tiers.size(); i++) {
            java.util.Set<String> chain = new java.util.LinkedHashSet<>();
            for (int j = i; j < tiers.size(); j++) {
                chain.addAll(tiers.get(j).models());
            }
            Entry t = tiers.get(i);
            out.add(new Entry(t.name(), t.description(), List.copyOf(chain), t.examples(), t.source()));
        }
        return out;
    }

    private static SemanticRouter.Settings settings(JsonObject options, String labelField, int defaultIndex) {
        double minMargin = decimal(options, "min-margin", DEFAULT_MIN_MARGIN);
        int historyTurns = PluginOptions.wholeNumber(options.getValue("history-turns"), "history-turns", 0, DEFAULT_HISTORY_TURNS);
        double historyWeight = decimal(options, "history-weight", DEFAULT_HISTORY_WEIGHT);
        if (historyWeight > 1) {
            throw new PluginConfigException("history-weight", "must be from 0 to 1 (the last turn weighs 1), got " + historyWeight);
        }
        int maxTokens = PluginOptions.wholeNumber(options.getValue("max-tokens"), "max-tokens", 8, DEFAULT_MAX_TOKENS);
        int maxChars = PluginOptions.wholeNumber(options.getValue("max-chars"), "max-chars", 16,
                CHARS_PER_WINDOW_TOKEN * maxTokens);
        TokenWindow window = TokenWindow.headAndTail(maxTokens);
        ExampleIndex.Mode mode = mode(options);
        String modeName = mode == ExampleIndex.Mode.KNN
                ? "knn k=" + PluginOptions.wholeNumber(options.getValue("k"), "k", 1, DEFAULT_K) : "centroid"; // named in reasons
        return new SemanticRouter.Settings(labelField, defaultIndex, minMargin, historyTurns, historyWeight, maxChars, window, modeName);
    }

    private static double decimal(JsonObject options, String key, double fallback) {
        Double d = PluginOptions.decimal(options.getValue(key), key, 0, "a number >= 0 (default " + fallback + ")");
        return d == null ? fallback : d;
    }

    private static ExampleIndex.Mode mode(JsonObject options) {
        Object v = options.getValue("mode");
        if (v == null) {
            return ExampleIndex.Mode.KNN;
        }
        String mode = PluginOptions.string(v, "mode", "knn");
        return switch (mode) {
            case "knn" -> ExampleIndex.Mode.KNN;
            case "centroid" -> ExampleIndex.Mode.CENTROID;
            default -> throw new PluginConfigException("mode", "must be knn or centroid, got '" + mode + "'");
        };
    }

    private static int defaultIndex(JsonObject options, boolean tiers, List<Entry> entries) {
        String key = tiers ? "default-tier" : "default-category";
        String other = tiers ? "default-category" : "default-tier";
        if (options.getValue(other) != null) {
            throw new PluginConfigException(other, "does not apply to a route of " + (tiers ? "tiers" : "categories")
                    + "; use " + key);
        }
        if (options.getValue(key) == null) {
            for (String name : tiers ? List.of("standard") : List.of("general", "conversation")) {
                int i = indexOf(entries, name);
                if (i >= 0) {
                    return i;
                }
            }
            return 0;
        }
        String name = PluginOptions.string(options.getValue(key), key, tiers ? "standard" : "general");
        int i = indexOf(entries, name);
        if (i < 0) {
            throw new PluginConfigException(key, "names '" + name + "', which is not configured; configured: "
                    + String.join(", ", entries.stream().map(Entry::name).toList()));
        }
        return i;
    }

    private static int indexOf(List<Entry> entries, String name) {
        return java.util.stream.IntStream.range(0, entries.size()).filter(i -> entries.get(i).name().equals(name))
                .findFirst().orElse(-1);
    }

    /** An entry without examples can never be chosen by meaning: a config mistake unless it is the default. */
    private static void requireExamples(List<Entry> entries, String key, int defaultIndex) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.texts().isEmpty() && i != defaultIndex && !e.name().equals("tools")) {
                throw new PluginConfigException(key + "." + e.name(), "has no examples (and no built-in examples exist"
                        + " for '" + e.name() + "'): add examples: [\"...\"] or examples-file: path, or make it the default");
            }
        }
    }

    private static List<List<float[]>> embed(List<Entry> entries, String route) {
        ExampleEmbeddings store = examples();
        long start = System.nanoTime();
        // examples the build did not embed: on every core (an ONNX session runs concurrent calls), then read in order
        List<String> texts = entries.stream().flatMap(e -> e.texts().stream()).distinct().toList();
        texts.stream().filter(t -> !store.precomputed(t)).toList().parallelStream().forEach(store::get);
        List<List<float[]>> vectors = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            vectors.add(e.texts().stream().map(store::get).toList());
        }
        long precomputed = texts.stream().filter(store::precomputed).count();
        LOG.info(() -> "semantic route '" + route + "': " + entries.size() + " entries, " + texts.size() + " examples ("
                + precomputed + " embedded by the build) ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return vectors;
    }

    /** The node's example store, made with the model (once per node: the first semantic route builds it). */
    private static synchronized ExampleEmbeddings examples() {
        if (examples == null) {
            examples = ExampleEmbeddings.of(MiniLmEmbedder.shared());
        }
        return examples;
    }
}
