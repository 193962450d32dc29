package dev.switchboard.plugins.router.semantic;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.ModelChains;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code categories} (or {@code tiers}) option: name -> {@code {models, examples,
 * examples-file, description}}. An entry with neither {@code examples} nor {@code examples-file}
 * takes the built-in examples of its name; a tier may also be written as its model list alone.
 */
final class EntryReader {
    private static final List<String> KEYS = List.of("models", "examples", "examples-file", "description");

    private EntryReader() {
    }

    /**
     * The entries of {@code value} at {@code key} ({@code categories} or {@code tiers}).
     *
     * @param labelField {@code category} or {@code tier}: the label of the built-in examples and of examples files
     */
    static List<Entry> read(Object value, String key, String labelField, RouterContext ctx) {
        String example = "{code: {models: [claude-sonnet], examples: [\"fix this stack trace\"]}, general: {models: [gpt-4o-mini]}}";
        JsonObject object = PluginOptions.object(value, key, example);
        if (object.isEmpty()) {
            throw new PluginConfigException(key, "must configure at least one " + labelField + ", e.g. " + example);
        }
        Map<String, String> seen = new HashMap<>();
        List<Entry> out = new ArrayList<>(object.size());
        for (String name : object.fieldNames()) {
            String previous = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (previous != null) {
                throw new PluginConfigException(key + "." + name, "duplicates " + labelField + " '" + previous
                        + "' (names are compared ignoring case); give each " + labelField + " one entry");
            }
            out.add(entry(name, object.getValue(name), key + "." + name, labelField, ctx));
        }
        return out;
    }

    private static Entry entry(String name, Object value, String path, String labelField, RouterContext ctx) {
        if (value instanceof JsonArray) { // shorthand: the model chain alone, built-in examples
            List<String> models = ModelChains.read(value, path, ctx);
            return new Entry(name, null, models, ExamplesFile.builtIn(labelField, name), "built-in");
        }
        JsonObject options = PluginOptions.object(value, path, "{models: [gpt-4o], examples: [\"...\"]}");
        PluginOptions.rejectUnknownKeys(options, path, KEYS);
        if (options.getValue("models") == null) {
            throw new PluginConfigException(path + ".models", "is required: the ordered model chain for " + labelField + " '"
                    + name + "', e.g. models: [gpt-4o, claude-sonnet]; " + ModelChains.known(ctx));
        }
        List<String> models = ModelChains.read(options.getValue("models"), path + ".models", ctx);
        String description = options.getValue("description") == null ? null
                : PluginOptions.string(options.getValue("description"), path + ".description", "\"questions about code\"");
        List<String> examples = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (options.getValue("examples") != null) {
            examples.addAll(PluginOptions.strings(options.getValue("examples"), path + ".examples", "[\"fix this bug\", \"write a test\"]"));
            sources.add("inline");
        }
        if (options.getValue("examples-file") != null) {
            String file = PluginOptions.string(options.getValue("examples-file"), path + ".examples-file", "examples/code.jsonl");
            examples.addAll(ExamplesFile.read(file, path + ".examples-file", labelField, name));
            sources.add(file);
        }
        if (sources.isEmpty()) {
            examples.addAll(ExamplesFile.builtIn(labelField, name));
            sources.add("built-in");
        }
        return new Entry(name, description, models, examples, String.join("+", sources));
    }
}
