package dev.switchboard.plugins.router.weighted;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads router options with errors that name the key and say what would be right. Rejects keys the
 * factory does not declare, so a typo ({@code sticky_by}) fails loudly instead of being ignored.
 */
final class OptionReader {

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

    /** The raw value of an option, or null when unset. */
    Object value(String key) {
        return options.getValue(key);
    }

    /** A positive, finite number at {@code path}; numeric strings (from ${ENV}) are accepted. */
    static double positiveNumber(String path, Object v, String what) {
        double d;
        if (v instanceof Number) {
            d = ((Number) v).doubleValue();
        } else {
            try {
                d = Double.parseDouble(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw new PluginConfigException(path, "must be a positive number (" + what + "), got '" + v + "'");
            }
        }
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new PluginConfigException(path, "must be a positive number (" + what + "), got " + v);
        }
        return d;
    }
}
