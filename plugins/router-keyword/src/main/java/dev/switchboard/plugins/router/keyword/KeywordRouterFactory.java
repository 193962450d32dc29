package dev.switchboard.plugins.router.keyword;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code keyword} router: sorts a request into a task category (code, reasoning, tools,
 * conversation or any custom one) by whole-word keyword hits in the user's text, and answers the
 * category's model chain. See {@link KeywordRouter} for the order of the rules.
 */
public final class KeywordRouterFactory implements RouterFactory {
    /** Default of {@code short-message-words}. */
    public static final int DEFAULT_SHORT_MESSAGE_WORDS = 4;

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.object("categories", "category name -> {keywords: [..], patterns: [regex..], models: [chain]};"
                    + " code, reasoning, tools and conversation have built-in keywords").asRequired(),
            OptionSpec.string("default-category", "category used when no keyword matches"
                    + " (default: conversation when configured, else the first category)"),
            OptionSpec.integer("short-message-words", "a last user message with fewer words goes to conversation"
                    + " (0 turns the rule off)").withDefault(DEFAULT_SHORT_MESSAGE_WORDS).atLeast(0));

    @Override
    public String id() {
        return "keyword";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        List<Category> categories = categories(options.getValue("categories"), context);
        int defaultIndex = defaultCategory(options.getString("default-category"), categories);
        int shortWords = options.getInteger("short-message-words", DEFAULT_SHORT_MESSAGE_WORDS);
        requireReachable(categories, defaultIndex);
        return new KeywordRouter(categories, defaultIndex, shortWords);
    }

    private static List<Category> categories(Object value, RouterContext context) {
        String example = "{code: {models: [gpt-4o]}, conversation: {models: [gpt-4o-mini]}}";
        if (value == null) {
            throw new PluginConfigException("categories", "is required: an object of category name -> {models: [..]},"
                    + " e.g. " + example);
        }
        JsonObject object = PluginOptions.object(value, "categories", example);
        if (object.isEmpty()) {
            throw new PluginConfigException("categories", "must configure at least one category, e.g. " + example);
        }
        List<Category> out = new ArrayList<>(object.size());
        for (String name : object.fieldNames()) {
            out.add(CategoryReader.read(name, object.getValue(name), context));
        }
        return out;
    }

    private static int defaultIndex(List<Category> categories, String name) {
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int defaultCategory(String name, List<Category> categories) {
        if (name == null) {
            int conversation = defaultIndex(categories, DefaultKeywords.CONVERSATION);
            return conversation >= 0 ? conversation : 0;
        }
        int index = defaultIndex(categories, name);
        if (index < 0) {
            throw new PluginConfigException("default-category", "names category '" + name + "', which is not configured;"
                    + " configured categories: " + String.join(", ", categories.stream().map(Category::name).toList()));
        }
        return index;
    }

    /** A category that no rule can ever select is a config mistake, most likely missing keywords. */
    private static void requireReachable(List<Category> categories, int defaultIndex) {
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            boolean byRule = c.name().equals(DefaultKeywords.TOOLS) || c.name().equals(DefaultKeywords.CONVERSATION);
            if (!c.matchable() && !byRule && i != defaultIndex) {
                throw new PluginConfigException("categories." + c.name(), "can never be chosen: it has no keywords or"
                        + " patterns and is not the default-category; add keywords: [..] or patterns: [..]");
            }
        }
    }
}
