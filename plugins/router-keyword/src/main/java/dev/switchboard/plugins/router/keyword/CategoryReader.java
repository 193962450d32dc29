package dev.switchboard.plugins.router.keyword;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.ModelChains;
import dev.switchboard.toolkit.options.PluginOptions;
import dev.switchboard.toolkit.text.Words;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one entry of the {@code categories} option. */
final class CategoryReader {
    private static final List<String> KEYS = List.of("keywords", "patterns", "models");
    private static final int PATTERN_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private CategoryReader() {
    }

    /** Reads {@code categories.<name>}: keywords (or the built-in list), patterns, models. */
    static Category read(String name, Object value, RouterContext ctx) {
        String path = "categories." + name;
        JsonObject options = PluginOptions.object(value, path, "{models: [gpt-4o, claude-sonnet], keywords: [python, debug]}");
        PluginOptions.rejectUnknownKeys(options, path, KEYS);
        if (options.getValue("models") == null) {
            throw new PluginConfigException(path + ".models", "is required: the ordered model chain for category '" + name
                    + "', e.g. models: [gpt-4o, claude-sonnet]; " + ModelChains.known(ctx));
        }
        List<String> models = ModelChains.read(options.getValue("models"), path + ".models", ctx);
        List<String> keywords = keywords(options.getValue("keywords"), path + ".keywords", name);
        List<Pattern> patterns = patterns(options.getValue("patterns"), path + ".patterns");
        return new Category(name, keywords, patterns, models, Map.of("category", name));
    }

    private static List<String> keywords(Object value, String path, String category) {
        List<String> raw = value == null ? DefaultKeywords.forCategory(category)
                : PluginOptions.strings(value, path, "[python, \"stack trace\", sql]");
        Set<String> normalized = new LinkedHashSet<>();
        for (String k : raw) {
            normalized.add(Words.normalize(k).strip());
        }
        return List.copyOf(normalized);
    }

    private static List<Pattern> patterns(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        List<String> sources = PluginOptions.strings(value, path, "[\"\\\\bTODO\\\\b\", \"[a-z]+Exception\"]");
        List<Pattern> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            try {
                out.add(Pattern.compile(sources.get(i), PATTERN_FLAGS));
            } catch (PatternSyntaxException e) {
                throw new PluginConfigException(path + "[" + i + "]", "is not a valid Java regular expression: "
                        + e.getDescription() + " near index " + e.getIndex() + " of '" + sources.get(i)
                        + "'; escape special characters with a backslash");
            }
        }
        return out;
    }
}
