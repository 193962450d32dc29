package dev.switchboard.plugins.router.complexity;

import dev.switchboard.spi.PluginConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Typed reads of option values (config YAML converted to JSON). Every failure is a
 * {@link PluginConfigException} naming the option path, what was found and what would be right.
 */
final class OptionValues {

    private OptionValues() {
    }

    /** An object option; {@code example} shows a valid value. */
    static JsonObject object(Object value, String path, String example) {
        if (!(value instanceof JsonObject)) {
            throw new PluginConfigException(path, "must be an object like " + example + ", got " + describe(value));
        }
        return (JsonObject) value;
    }

    /** A string option, non-blank. */
    static String string(Object value, String path, String example) {
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new PluginConfigException(path, "must be a non-empty string like " + example + ", got " + describe(value));
        }
        return (String) value;
    }

    /** A list of non-blank strings; {@code example} shows a valid list. */
    static List<String> strings(Object value, String path, String example) {
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

    /** A whole number of at least {@code min}; {@code fallback} when absent. */
    static int wholeNumber(Object value, String path, int min, int fallback) {
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

    /** A boolean; {@code fallback} when absent. */
    static boolean bool(Object value, String path, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean)) {
            throw new PluginConfigException(path, "must be true or false (default " + fallback + "), got " + describe(value));
        }
        return (Boolean) value;
    }

    /** Rejects keys of {@code object} that are not in {@code allowed}; {@code prefix} is the object's path. */
    static void rejectUnknownKeys(JsonObject object, String prefix, Collection<String> allowed) {
        for (String key : object.fieldNames()) {
            if (!allowed.contains(key)) {
                throw new PluginConfigException(prefix.isEmpty() ? key : prefix + "." + key,
                        "unknown option '" + key + "'; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    /** The value as an operator would recognise it in an error message. */
    static String describe(Object value) {
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
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
