package dev.switchboard.plugins.router.multimodal;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RouterContext;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads router options with errors that name the key and say what would be right. Rejects keys the
 * factory does not declare, so a typo ({@code reserve_output_tokens}) fails loudly instead of being
 * ignored.
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
        for (OptionSpec spec : specs) {
            if (spec.required() && options.getValue(spec.name()) == null) {
                throw new PluginConfigException(spec.name(), "is required: " + spec.description());
            }
        }
    }

    /** A catalog model named by a string option. */
    ModelDescriptor model(String key, RouterContext context) {
        Object v = options.getValue(key);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new PluginConfigException(key, "must be a catalog model id, e.g. " + knownModels(context));
        }
        ModelDescriptor model = context.catalog().get(v);
        if (model == null) {
            throw new PluginConfigException(key, "unknown model '" + v + "' (known: " + knownModels(context) + ")");
        }
        return model;
    }

    /** A positive integer option, or the default when unset; numeric strings (from ${ENV}) are accepted. */
    int positiveInt(String key, int defaultValue) {
        Object v = options.getValue(key);
        if (v == null) {
            return defaultValue;
        }
        double d = asNumber(key, v);
        if (d != Math.rint(d) || d < 1 || d > Integer.MAX_VALUE) {
            throw new PluginConfigException(key, "must be a positive integer, got " + v);
        }
        return (int) d;
    }

    private static double asNumber(String key, Object v) {
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
