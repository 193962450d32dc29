package dev.switchboard.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string value of a config tree.
 * {@code $${...}} is a literal {@code ${...}}. An unset variable without default is an error
 * naming the key and the variable. Records which variable fed which key, so the engine can tell
 * an operator which variable to set.
 */
final class Interpolator {
    private static final Pattern REF = Pattern.compile("\\$?\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Function<String, String> env;
    private final List<ConfigError> errors;
    private final Map<String, String> envRefs;

    Interpolator(Function<String, String> env, List<ConfigError> errors, Map<String, String> envRefs) {
        this.env = env;
        this.errors = errors;
        this.envRefs = envRefs;
    }

    JsonObject apply(JsonObject tree) {
        return object(tree, "");
    }

    private JsonObject object(JsonObject in, String path) {
        JsonObject out = new JsonObject();
        in.forEach(e -> out.put(e.getKey(), value(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
        return out;
    }

    private Object value(Object v, String path) {
        if (v instanceof JsonObject) {
            return object((JsonObject) v, path);
        }
        if (v instanceof JsonArray) {
            JsonArray out = new JsonArray();
            JsonArray in = (JsonArray) v;
            for (int i = 0; i < in.size(); i++) {
                out.add(value(in.getValue(i), path + "[" + i + "]"));
            }
            return out;
        }
        if (v instanceof String) {
            return string((String) v, path);
        }
        return v;
    }

    private String string(String s, String path) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        Matcher m = REF.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (m.group().startsWith("$$")) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group().substring(1)));
                continue;
            }
            String name = m.group(1);
            String val = env.apply(name);
            envRefs.put(path, name);
            if (val == null || (val.isEmpty() && m.group(2) != null)) {
                if (m.group(2) == null) {
                    errors.add(new ConfigError(path, "environment variable " + name + " is not set (write ${" + name + ":-default} to allow that)"));
                    val = "";
                } else {
                    val = m.group(3);
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(val));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
