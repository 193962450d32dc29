package dev.switchboard.toolkit.options;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.OptionType;
import dev.switchboard.spi.PluginConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a plugin's options against its {@link OptionSpec}s: the one generic check the engine runs
 * before a factory's {@code create}, so factories only check what types cannot say (a model that
 * must exist in the catalog, one option bounded by another). Tests of a factory call
 * {@link #validate} first to see what the engine would hand it.
 *
 * <p>A blank string counts as unset (what an unset {@code ${VAR:-}} interpolates to). The text of a
 * number or boolean is taken for a number or boolean and converted.
 */
public final class OptionValidator {

    private OptionValidator() {
    }

    /**
     * The outcome of a check.
     *
     * @param options  the options as the factory gets them: values converted to their spec's type,
     *                 blank strings removed, defaults filled in
     * @param problems every problem, each with the option path relative to the options
     */
    public record Checked(JsonObject options, List<PluginConfigException> problems) {
        public Checked {
            problems = List.copyOf(problems);
        }
    }

    /** Checks every option: with no specs, every option is unknown. */
    public static Checked check(List<OptionSpec> specs, JsonObject options) {
        JsonObject out = options == null ? new JsonObject() : options.copy();
        List<PluginConfigException> problems = new ArrayList<>();
        List<String> names = specs.stream().map(OptionSpec::name).collect(Collectors.toList());
        for (String key : new ArrayList<>(out.fieldNames())) {
            if (!names.contains(key)) {
                problems.add(new PluginConfigException(key, "unknown option '" + key + "' (known: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"));
            }
        }
        for (OptionSpec spec : specs) {
            Object value = out.getValue(spec.name());
            if (value instanceof String s && s.isBlank()) {
                out.remove(spec.name());
                value = null;
            }
            if (value == null) {
                if (spec.required()) {
                    problems.add(new PluginConfigException(spec.name(), "is required: " + spec.description()));
                } else if (spec.defaultValue() != null) {
                    out.put(spec.name(), spec.defaultValue());
                }
                continue;
            }
            try {
                out.put(spec.name(), convert(spec, value));
            } catch (PluginConfigException e) {
                problems.add(e);
            }
        }
        return new Checked(out, problems);
    }

    /**
     * Checks every option and returns them as the factory gets them.
     *
     * @throws PluginConfigException the first problem
     */
    public static JsonObject validate(List<OptionSpec> specs, JsonObject options) {
        Checked checked = check(specs, options);
        if (!checked.problems().isEmpty()) {
            throw checked.problems().get(0);
        }
        return checked.options();
    }

    /** The value converted to the spec's type, once checked against its allowed values and range. */
    static Object convert(OptionSpec spec, Object value) {
        String path = spec.name();
        return switch (spec.type()) {
            case ANY -> value;
            case OBJECT -> object(spec, value);
            case STRING_LIST -> strings(spec, value);
            case BOOLEAN -> PluginOptions.flag(value, path, false);
            case STRING -> allowed(spec, scalarText(spec, value));
            case INTEGER -> inRange(spec, wholeNumber(spec, value));
            case NUMBER -> inRange(spec, PluginOptions.decimal(value, path, Double.NEGATIVE_INFINITY, "a finite number"));
        };
    }

    private static JsonObject object(OptionSpec spec, Object value) {
        if (!(value instanceof JsonObject)) {
            throw new PluginConfigException(spec.name(), "must be an object, got " + PluginOptions.describe(value));
        }
        return (JsonObject) value;
    }

    private static JsonArray strings(OptionSpec spec, Object value) {
        if (!(value instanceof JsonArray)) {
            throw new PluginConfigException(spec.name(), "must be a list of strings, got " + PluginOptions.describe(value));
        }
        JsonArray array = (JsonArray) value;
        for (int i = 0; i < array.size(); i++) {
            Object element = array.getValue(i);
            if (!(element instanceof String) || ((String) element).isBlank()) {
                throw new PluginConfigException(spec.name() + "[" + i + "]", "must be a non-empty string, got "
                        + PluginOptions.describe(element));
            }
        }
        return array;
    }

    private static String scalarText(OptionSpec spec, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new PluginConfigException(spec.name(), "must be a string, got " + PluginOptions.describe(value));
    }

    private static String allowed(OptionSpec spec, String value) {
        if (!spec.allowedValues().isEmpty() && !spec.allowedValues().contains(value)) {
            throw new PluginConfigException(spec.name(), "must be one of " + String.join(", ", spec.allowedValues())
                    + ", got '" + value + "'");
        }
        return value;
    }

    private static Number wholeNumber(OptionSpec spec, Object value) {
        double d = PluginOptions.number(value, spec.name(), "a whole number");
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > Long.MAX_VALUE / 2.0) {
            throw new PluginConfigException(spec.name(), "must be a whole number, got " + PluginOptions.describe(value));
        }
        long n = (long) d;
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Number) (int) n : (Number) n;
    }

    private static Number inRange(OptionSpec spec, Number n) {
        double d = n.doubleValue();
        if (spec.minimum() != null && d < spec.minimum()) {
            throw new PluginConfigException(spec.name(), "must be at least " + plain(spec.minimum()) + ", got " + plain(d));
        }
        if (spec.maximum() != null && d > spec.maximum()) {
            throw new PluginConfigException(spec.name(), "must be at most " + plain(spec.maximum()) + ", got " + plain(d));
        }
        return n;
    }

    /** {@code 4} rather than {@code 4.0}. */
    private static String plain(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
