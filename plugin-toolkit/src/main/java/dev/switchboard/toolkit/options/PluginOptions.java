package dev.switchboard.toolkit.options;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.provider.ProviderContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of a plugin's options (config YAML converted to JSON), for plugin authors. Every
 * failure is a {@link PluginConfigException} whose path names the option (the engine prefixes it
 * with the config location), and whose message says what was found and what would be right.
 *
 * <p>Two families of reads:
 * <ul>
 *   <li>strict: {@link #object}, {@link #string}, {@link #strings}, {@link #wholeNumber},
 *       {@link #bool} take the JSON type as written and describe a wrong value by its type
 *       ({@code got the string '4'});</li>
 *   <li>lenient: {@link #number}, {@link #integer}, {@link #decimal}, {@link #positiveNumber},
 *       {@link #flag} also take the text of a number or boolean, which is what {@code ${ENV}}
 *       interpolation yields.</li>
 * </ul>
 * Values are passed in (rather than keys) so nested options read the same way as top-level ones.
 */
public final class PluginOptions {

    private PluginOptions() {
    }

    /**
     * Rejects options the factory does not declare (so a typo fails loudly instead of being
     * ignored), required options that are unset and values that do not fit their typed spec.
     *
     * @deprecated the engine runs this check ({@link OptionValidator}) before {@code create};
     *             a factory need not repeat it
     * @throws PluginConfigException {@code unknown option 'k' (known: a, b)} or {@code is required: <description>}
     */
    @Deprecated
    public static void checkDeclared(JsonObject options, List<OptionSpec> specs) {
        OptionValidator.validate(specs, options);
    }

    /**
     * Rejects keys of {@code object} that are not in {@code allowed}.
     *
     * @param prefix the object's path, empty for the top-level options
     * @throws PluginConfigException {@code unknown option 'k'; allowed here: a, b}
     */
    public static void rejectUnknownKeys(JsonObject object, String prefix, Collection<String> allowed) {
        String key = firstUnknown(object, allowed);
        if (key != null) {
            throw new PluginConfigException(prefix.isEmpty() ? key : prefix + "." + key,
                    "unknown option '" + key + "'; allowed here: " + String.join(", ", allowed));
        }
    }

    private static String firstUnknown(JsonObject object, Collection<String> allowed) {
        return object.fieldNames().stream().filter(key -> !allowed.contains(key)).findFirst().orElse(null);
    }

    /**
     * The value of an option, or null when it is unset or a blank string (what an unset
     * {@code ${VAR:-}} interpolates to), like {@code ProviderContext.option}.
     */
    public static Object value(JsonObject options, String key) {
        Object v = options.getValue(key);
        return v == null || v.toString().isBlank() ? null : v;
    }

    /** An object option (strict); {@code example} shows a valid value. */
    public static JsonObject object(Object value, String path, String example) {
        if (!(value instanceof JsonObject)) {
            throw new PluginConfigException(path, "must be an object like " + example + ", got " + describe(value));
        }
        return (JsonObject) value;
    }

    /** A non-blank string option (strict); {@code example} shows a valid value. */
    public static String string(Object value, String path, String example) {
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new PluginConfigException(path, "must be a non-empty string like " + example + ", got " + describe(value));
        }
        return (String) value;
    }

    /** A list of non-blank strings (strict); {@code example} shows a valid list; elements are named {@code path[i]}. */
    public static List<String> strings(Object value, String path, String example) {
        if (!(value instanceof JsonArray)) {
            throw new PluginConfigException(path, "must be a list of strings like " + example + ", got " + describe(value));
        }
        JsonArray array = (JsonArray) value;
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(string(array.getValue(i), path + "[" + i + "]", example));
        }
        return out;
    }

    /** A JSON whole number (strict) from {@code min} to {@link Integer#MAX_VALUE}; {@code fallback} when absent. */
    public static int wholeNumber(Object value, String path, int min, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)
                || ((Number) value).longValue() < min || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new PluginConfigException(path, "must be a whole number of at least " + min + " (default " + fallback
                    + "), got " + describe(value));
        }
        return ((Number) value).intValue();
    }

    /** A JSON boolean (strict); {@code fallback} when absent. */
    public static boolean bool(Object value, String path, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean)) {
            throw new PluginConfigException(path, "must be true or false (default " + fallback + "), got " + describe(value));
        }
        return (Boolean) value;
    }

    /**
     * A boolean (lenient): {@code true}/{@code false} or their text in any case; {@code fallback} when absent.
     *
     * @throws PluginConfigException {@code must be true or false, got '<value>'}
     */
    public static boolean flag(Object value, String path, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String s = value.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new PluginConfigException(path, "must be true or false, got '" + value + "'");
    }

    /**
     * A number (lenient): a JSON number or its text.
     *
     * @param expected what a right value is, for the message, e.g. {@code a number}
     * @throws PluginConfigException {@code must be <expected>, got '<value>'} (also for null)
     */
    public static double number(Object value, String path, String expected) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new PluginConfigException(path, "must be " + expected + ", got '" + value + "'");
        }
    }

    /**
     * A whole number (lenient) from {@code min} to {@link Integer#MAX_VALUE}; {@code fallback} when absent.
     *
     * @param expected what a right value is, for the message, e.g. {@code an integer >= 1}
     * @throws PluginConfigException {@code must be a number, got '<value>'} or {@code must be <expected>, got <value>}
     */
    public static int integer(Object value, String path, int min, int fallback, String expected) {
        if (value == null) {
            return fallback;
        }
        double d = number(value, path, "a number");
        if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
            throw new PluginConfigException(path, "must be " + expected + ", got " + value);
        }
        return (int) d;
    }

    /**
     * A finite number (lenient) of at least {@code min}; null when absent.
     *
     * @param expected what a right value is, for the message, e.g. {@code a number >= 0 (USD)}
     * @throws PluginConfigException {@code must be a number, got '<value>'} or {@code must be <expected>, got <value>}
     */
    public static Double decimal(Object value, String path, double min, String expected) {
        if (value == null) {
            return null;
        }
        double d = number(value, path, "a number");
        if (!(d >= min) || Double.isInfinite(d)) {
            throw new PluginConfigException(path, "must be " + expected + ", got " + value);
        }
        return d;
    }

    /**
     * A finite number (lenient) greater than zero; required.
     *
     * @param expected what a right value is, for the message, e.g. {@code a positive number (a weight)}
     * @throws PluginConfigException {@code must be <expected>, got <value>}, the value quoted when it is no number
     */
    public static double positiveNumber(Object value, String path, String expected) {
        double d = number(value, path, expected);
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new PluginConfigException(path, "must be " + expected + ", got " + value);
        }
        return d;
    }

    /**
     * The {@code headers} option of a provider: an object of header name to value (values are
     * turned into strings), in config order; empty when unset.
     */
    public static Map<String, String> headers(JsonObject options) {
        Object v = options.getValue("headers");
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof JsonObject)) {
            throw new PluginConfigException("headers", "must be an object of header name to value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((JsonObject) v).forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        return out;
    }

    /**
     * The URL itself, once checked that it starts with {@code http://} or {@code https://} (any case).
     *
     * @param example a valid URL for the message, usually the default
     * @throws PluginConfigException {@code must be an http(s) URL like <example>, got '<url>'}
     */
    public static String httpUrl(String path, String url, String example) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new PluginConfigException(path, "must be an http(s) URL like " + example + ", got '" + url + "'");
        }
        return url;
    }

    /** The value as an operator would recognise it in an error message, e.g. {@code the string 'x'}. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String) {
            return "the string '" + value + "'";
        }
        if (value instanceof JsonArray) {
            return "a list " + ((JsonArray) value).encode();
        }
        if (value instanceof JsonObject) {
            return "an object " + ((JsonObject) value).encode();
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }
}
