package dev.switchboard.plugins.router.complexity;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code complexity} router: grades a prompt by math, reasoning and code markers and by its
 * length, and answers the model chain of the matching price tier ({@code budget}, {@code mid},
 * {@code standard}, {@code premium} by default). The defaults reproduce the OpenRouter routing
 * skill's complexity rules; markers, thresholds and the tier of each rule are configurable.
 */
public final class ComplexityRouterFactory implements RouterFactory {
    /** Default math markers: the skill's, with their common inflections. */
    public static final List<String> DEFAULT_MATH_MARKERS = List.of("calculate", "calculates", "calculated",
            "calculating", "calculation", "calculations", "equation", "equations", "formula", "formulas", "formulae",
            "derive", "derives", "derived", "deriving", "derivation", "proof", "proofs");
    /** Default reasoning markers: the skill's, with their common inflections and spellings. */
    public static final List<String> DEFAULT_REASONING_MARKERS = List.of("explain", "explains", "explained",
            "explaining", "explanation", "analyze", "analyzes", "analyzed", "analyzing", "analyse", "analyses",
            "analysed", "analysing", "analysis", "compare", "compares", "compared", "comparing", "comparison", "why",
            "how does", "trade-off", "trade-offs", "tradeoff", "tradeoffs", "trade off", "trade offs");
    /** Default code markers, literal (note the trailing spaces). */
    public static final List<String> DEFAULT_CODE_MARKERS = List.of("```", "def ", "function ", "class ", "import ");
    /** Default of {@code long-words}. */
    public static final int DEFAULT_LONG_WORDS = 500;
    /** Default of {@code medium-words}. */
    public static final int DEFAULT_MEDIUM_WORDS = 100;

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.object("tiers", "tier name -> model chain, cheapest tier first"
                    + " (default names budget, mid, standard, premium)").asRequired(),
            OptionSpec.strings("math-markers", "whole words that make a prompt math (default: calculate, equation,"
                    + " formula, derive, proof and inflections)"),
            OptionSpec.strings("reasoning-markers", "whole words that make a prompt reasoning (default: explain,"
                    + " analyze, compare, why, how does, trade-off and inflections)"),
            OptionSpec.strings("code-markers", "case-sensitive literals that make a prompt code"
                    + " (default: ```, \"def \", \"function \", \"class \", \"import \")"),
            OptionSpec.integer("long-words", "more words than this is a long prompt").withDefault(DEFAULT_LONG_WORDS).atLeast(0),
            OptionSpec.integer("medium-words", "more words than this is a medium prompt (default "
                    + DEFAULT_MEDIUM_WORDS + ", or long-words if lower; at most long-words)").atLeast(0),
            OptionSpec.object("tier-for", "rule -> tier: math, reasoning-with-code, code, reasoning, long, medium,"
                    + " simple (default premium, premium, standard, standard, standard, mid, budget)"),
            OptionSpec.bool("fallback-to-stronger", "append the stronger tiers' models to the chain as fallbacks")
                    .withDefault(true));

    @Override
    public String id() {
        return "complexity";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        TierLadder ladder = TierLadder.read(options.getValue("tiers"), context);
        SignalDetector detector = new SignalDetector(
                markers(options, "math-markers", DEFAULT_MATH_MARKERS),
                markers(options, "reasoning-markers", DEFAULT_REASONING_MARKERS),
                markers(options, "code-markers", DEFAULT_CODE_MARKERS));
        int longWords = options.getInteger("long-words", DEFAULT_LONG_WORDS);
        // lowering only long-words lowers the default medium threshold with it
        int mediumWords = options.getInteger("medium-words", Math.min(DEFAULT_MEDIUM_WORDS, longWords));
        if (mediumWords > longWords) {
            throw new PluginConfigException("medium-words", "is " + mediumWords + ", more than long-words (" + longWords
                    + "); medium-words must not exceed long-words");
        }
        int[] tierByRule = tierByRule(options.getJsonObject("tier-for", new JsonObject()), ladder);
        boolean fallback = options.getBoolean("fallback-to-stronger", true);
        return new ComplexityRouter(detector, longWords, mediumWords, tierByRule, ladder, fallback);
    }

    /** A marker list; an empty list turns the signal off. */
    @SuppressWarnings("unchecked")
    private static List<String> markers(JsonObject options, String key, List<String> defaults) {
        JsonArray value = options.getJsonArray(key);
        return value == null ? defaults : (List<String>) value.getList();
    }

    private static int[] tierByRule(JsonObject tierFor, TierLadder ladder) {
        PluginOptions.rejectUnknownKeys(tierFor, "tier-for", Rule.keys());
        int[] out = new int[Rule.values().length];
        for (Rule rule : Rule.values()) {
            String path = "tier-for." + rule.key();
            Object v = tierFor.getValue(rule.key());
            if (v == null && !ladder.usesDefaultNames()) {
                throw new PluginConfigException(path, "is required: tiers uses only custom names ("
                        + String.join(", ", ladder.names()) + "), so say which tier rule '" + rule.key() + "' gives");
            }
            String tier = v == null ? rule.defaultTier() : PluginOptions.string(v, path, "standard");
            if (!ladder.accepts(tier)) {
                throw new PluginConfigException(path, "names tier '" + tier + "', which is neither configured ("
                        + String.join(", ", ladder.names()) + ") nor a default tier (" + String.join(", ",
                        TierLadder.DEFAULT_NAMES) + ")");
            }
            out[rule.ordinal()] = ladder.resolve(tier);
        }
        return out;
    }
}
