package dev.switchboard.plugins.router.llmclassifier;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.ModelChains;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.logging.Logger;

/**
 * The {@code llm-classifier} router: a catalog model or route (a local Ollama model, a cheap hosted
 * one) picks one of the route's categories, asked through the engine; see {@link LlmClassifierRouter}
 * for the rules. Asynchronous: the route's {@code decision-timeout-ms} bounds the question and its
 * {@code fallback-router} decides when the classifier is late, fails or answers outside the list.
 */
public final class LlmClassifierRouterFactory implements RouterFactory {
    private static final Logger LOG = Logger.getLogger(LlmClassifierRouterFactory.class.getName());
    /** Default of {@code cache-ttl-ms}: ten minutes. */
    public static final int DEFAULT_CACHE_TTL_MS = 600_000;
    /** Default of {@code max-chars}. */
    public static final int DEFAULT_MAX_CHARS = 2000;
    /** Default of {@code history-turns}. */
    public static final int DEFAULT_HISTORY_TURNS = 2;

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.string("classifier", "catalog model or route asked to pick the category, e.g. a local Ollama"
                    + " model").asRequired(),
            OptionSpec.object("categories", "category name → `{description, models}`: the description is what the"
                    + " classifier reads, the models the chain it routes to").asRequired(),
            OptionSpec.string("default-category", "category for requests without text (empty, image-only); default:"
                    + " `general`, else the first"),
            OptionSpec.integer("cache-ttl-ms", "how long a classification is remembered, by SHA-256 of the classified"
                    + " text; `0` turns the cache off").withDefault(DEFAULT_CACHE_TTL_MS).atLeast(0),
            OptionSpec.integer("max-chars", "characters of each user turn sent to the classifier: longer turns send their"
                    + " head and tail halves").withDefault(DEFAULT_MAX_CHARS).atLeast(16),
            OptionSpec.integer("history-turns", "earlier user turns sent with the last one, for context")
                    .withDefault(DEFAULT_HISTORY_TURNS).atLeast(0),
            OptionSpec.string("instructions", "replaces the first paragraph of the classifier's system prompt (the"
                    + " category list and the answer format are always added)"));

    @Override
    public String id() {
        return "llm-classifier";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        String classifier = classifier(options, context);
        List<Category> categories = CategoryReader.read(options.getValue("categories"), context);
        Category defaultCategory = defaultCategory(options, categories);
        int ttl = PluginOptions.wholeNumber(options.getValue("cache-ttl-ms"), "cache-ttl-ms", 0, DEFAULT_CACHE_TTL_MS);
        int maxChars = PluginOptions.wholeNumber(options.getValue("max-chars"), "max-chars", 16, DEFAULT_MAX_CHARS);
        int history = PluginOptions.wholeNumber(options.getValue("history-turns"), "history-turns", 0, DEFAULT_HISTORY_TURNS);
        String instructions = options.getValue("instructions") == null ? null
                : PluginOptions.string(options.getValue("instructions"), "instructions", "\"Sort support requests.\"");
        return new LlmClassifierRouter(categories, new LlmClassifierRouter.Settings(classifier, defaultCategory, ttl, history,
                maxChars), new ClassifierPrompt(categories, instructions, constrained(classifier, context)));
    }

    /**
     * Whether the classifier gets the json_schema response format: only a catalog model with the
     * {@code json} capability (the engine refuses JSON requests to others, and a route's models are
     * not known here); the others read the closed list in the prompt alone.
     */
    private static boolean constrained(String classifier, RouterContext context) {
        ModelDescriptor m = context.catalog().get(classifier);
        boolean json = m != null && m.can(Capability.JSON);
        if (!json) {
            LOG.info(() -> "llm-classifier route '" + context.routeName() + "': classifier '" + classifier + "' is "
                    + (m == null ? "a route" : "a model without the json capability") + ", so its answer is constrained by"
                    + " the prompt only (give the model capabilities: [json] to send a json_schema)");
        }
        return json;
    }

    private static String classifier(JsonObject options, RouterContext context) {
        if (options.getValue("classifier") == null) {
            throw new PluginConfigException("classifier", "is required: the catalog model or route that picks the category,"
                    + " e.g. classifier: llama3.2-local; " + ModelChains.known(context));
        }
        String classifier = PluginOptions.string(options.getValue("classifier"), "classifier", "llama3.2-local");
        if (classifier.equals(context.routeName())) {
            throw new PluginConfigException("classifier", "route '" + classifier + "' cannot classify its own requests"
                    + " (it would ask itself); name a catalog model or another route");
        }
        if (!context.knows(classifier)) {
            throw new PluginConfigException("classifier", "unknown model '" + classifier + "'; " + ModelChains.known(context));
        }
        return classifier;
    }

    private static Category defaultCategory(JsonObject options, List<Category> categories) {
        if (options.getValue("default-category") == null) {
            return categories.stream().filter(c -> c.name().equals("general")).findFirst().orElse(categories.get(0));
        }
        String name = PluginOptions.string(options.getValue("default-category"), "default-category", "general");
        return categories.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new PluginConfigException(
                "default-category", "names '" + name + "', which is not configured; configured: "
                + String.join(", ", categories.stream().map(Category::name).toList())));
    }
}
