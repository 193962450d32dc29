package dev.switchboard.plugins.router.llmclassifier;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.ModelChains;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code categories} option: name -> {@code {description, models}}. */
final class CategoryReader {
    private static final List<String> KEYS = List.of("description", "models");
    /** Names a model can answer with exactly: no spaces or quotes to get wrong. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String EXAMPLE = "{code: {description: \"programming, debugging, code review\", models: [claude-sonnet]},"
            + " general: {description: \"everything else\", models: [gpt-4o-mini]}}";

    private CategoryReader() {
    }

    /** The categories at {@code categories}, in configured order; errors name the key path. */
    static List<Category> read(Object value, RouterContext ctx) {
        if (value == null) {
            throw new PluginConfigException("categories", "is required, e.g. " + EXAMPLE);
        }
        JsonObject object = PluginOptions.object(value, "categories", EXAMPLE);
        if (object.size() < 2) {
            throw new PluginConfigException("categories", "must configure at least two categories for the classifier to"
                    + " choose from, e.g. " + EXAMPLE);
        }
        Map<String, String> seen = new HashMap<>();
        List<Category> out = new ArrayList<>(object.size());
        for (String name : object.fieldNames()) {
            String path = "categories." + name;
            if (!NAME.matcher(name).matches()) {
                throw new PluginConfigException(path, "is not a usable category name: use letters, digits, '-', '_' or '.'"
                        + " (at most 64), since the classifier answers with it");
            }
            String previous = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (previous != null) {
                throw new PluginConfigException(path, "duplicates category '" + previous + "' (names are compared ignoring"
                        + " case); give each category one entry");
            }
            out.add(category(name, object.getValue(name), path, ctx));
        }
        return List.copyOf(out);
    }

    private static Category category(String name, Object value, String path, RouterContext ctx) {
        JsonObject options = PluginOptions.object(value, path, "{description: \"questions about code\", models: [gpt-4o]}");
        PluginOptions.rejectUnknownKeys(options, path, KEYS);
        if (options.getValue("models") == null) {
            throw new PluginConfigException(path + ".models", "is required: the ordered model chain for category '"
                    + name + "', e.g. models: [gpt-4o, claude-sonnet]; " + ModelChains.known(ctx));
        }
        List<String> models = ModelChains.read(options.getValue("models"), path + ".models", ctx);
        String description = options.getValue("description") == null ? ""
                : PluginOptions.string(options.getValue("description"), path + ".description", "\"questions about code\"");
        return new Category(name, description, models);
    }
}
