package dev.switchboard.plugins.router.costfloor;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RouterContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads router options with errors that name the key and say what would be right. Rejects keys the
 * factory does not declare, so a typo ({@code exclude_free}) fails loudly instead of being ignored.
 * Numbers and booleans may also arrive as strings (from {@code ${ENV}} interpolation).
 */
final class OptionReader {

    private static final int KNOWN_SHOWN = 8;

    private final JsonObject options;

    OptionReader(JsonObject options, List<OptionSpec> specs) {
        this.options = options;
        List<String> names = specs.stream().map(OptionSpec::name).collect(Collectors.toList());
        for (String key : options.fieldNames()) {
            if (!names.contains(key)) {
                throw new PluginConfigException(key, "unknown option '" + key + "' (known: " + String.join(", ", names) + ")");
            }
        }
    }

    /** Whether the option is set. */
    boolean has(String key) {
        return options.getValue(key) != null;
    }

    /** A non-empty list of distinct catalog models, or null when unset. */
    List<ModelDescriptor> models(String key, RouterContext context) {
        Object v = options.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray) || ((JsonArray) v).isEmpty()) {
            throw new PluginConfigException(key,
                    "must be a non-empty list of catalog model ids, e.g. [" + knownModels(context) + "]");
        }
        JsonArray array = (JsonArray) v;
        List<ModelDescriptor> models = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = key + "[" + i + "]";
            Object name = array.getValue(i);
            ModelDescriptor model = name instanceof String ? context.catalog().get(name) : null;
            if (model == null) {
                throw new PluginConfigException(path, "unknown model '" + name + "' (known: " + knownModels(context) + ")");
            }
            if (models.contains(model)) {
                throw new PluginConfigException(path, "'" + name + "' is listed twice; list each model once");
            }
            models.add(model);
        }
        return models;
    }

    /** An integer of at least {@code min}, or the default when unset. */
    int integer(String key, int defaultValue, int min) {
        Object v = options.getValue(key);
        if (v == null) {
            return defaultValue;
        }
        double d = number(key, v);
        if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
            throw new PluginConfigException(key, "must be an integer >= " + min + ", got " + v);
        }
        return (int) d;
    }

    /** A number of at least {@code min}, or null when unset. */
    Double decimal(String key, double min, String unit) {
        Object v = options.getValue(key);
        if (v == null) {
            return null;
        }
        double d = number(key, v);
        if (!(d >= min) || Double.isInfinite(d)) {
            throw new PluginConfigException(key, "must be a number >= " + plain(min) + " (" + unit + "), got " + v);
        }
        return d;
    }

    /** A boolean, or the default when unset. */
    boolean bool(String key, boolean defaultValue) {
        Object v = options.getValue(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new PluginConfigException(key, "must be true or false, got '" + v + "'");
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static double number(String key, Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new PluginConfigException(key, "must be a number, got '" + v + "'");
        }
    }

    /** Up to {@value #KNOWN_SHOWN} catalog ids, for error messages. */
    static String knownModels(RouterContext context) {
        String shown = context.catalog().keySet().stream().limit(KNOWN_SHOWN).collect(Collectors.joining(", "));
        if (shown.isEmpty()) {
            return "none: the catalog is empty";
        }
        return context.catalog().size() > KNOWN_SHOWN ? shown + ", ..." : shown;
    }
}
