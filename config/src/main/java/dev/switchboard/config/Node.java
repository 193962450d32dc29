package dev.switchboard.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed reads from one object of the config tree that record an error (with the key path) instead
 * of throwing, so one pass reports every problem.
 */
final class Node {
    private final JsonObject json;
    private final String path;
    private final List<ConfigError> errors;

    Node(JsonObject json, String path, List<ConfigError> errors) {
        this.json = json == null ? new JsonObject() : json;
        this.path = path;
        this.errors = errors;
    }

    JsonObject json() {
        return json;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void error(String key, String message) {
        errors.add(new ConfigError(key == null ? path : path(key), message));
    }

    /** Records an error for every key not in {@code known}. */
    void allowOnly(Set<String> known) {
        for (String key : json.fieldNames()) {
            if (!known.contains(key)) {
                error(key, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    Node child(String key) {
        Object v = json.getValue(key);
        if (v != null && !(v instanceof JsonObject)) {
            error(key, "must be an object, got " + describe(v));
            return new Node(null, path(key), errors);
        }
        return new Node((JsonObject) v, path(key), errors);
    }

    String string(String key, String def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        error(key, "must be a string, got " + describe(v));
        return def;
    }

    long number(String key, long def, long min, long max) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        long n;
        if (v instanceof Number && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())) {
            n = ((Number) v).longValue();
        } else if (v instanceof String && ((String) v).trim().matches("-?\\d+")) {
            n = Long.parseLong(((String) v).trim());
        } else {
            error(key, "must be a whole number, got " + describe(v));
            return def;
        }
        if (n < min || n > max) {
            error(key, "must be between " + min + " and " + max + ", got " + n);
            return def;
        }
        return n;
    }

    Double decimal(String key, double min) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        double d;
        if (v instanceof Number) {
            d = ((Number) v).doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                error(key, "must be a number, got " + describe(v));
                return null;
            }
        }
        if (d < min) {
            error(key, "must be at least " + min + ", got " + d);
            return null;
        }
        return d;
    }

    boolean bool(String key, boolean def) {
        Object v = json.getValue(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        error(key, "must be true or false, got " + describe(v));
        return def;
    }

    List<String> strings(String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray)) {
            error(key, "must be a list, got " + describe(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        JsonArray a = (JsonArray) v;
        for (int i = 0; i < a.size(); i++) {
            Object o = a.getValue(i);
            if (o instanceof String) {
                out.add((String) o);
            } else {
                error(key + "[" + i + "]", "must be a string, got " + describe(o));
            }
        }
        return out;
    }

    static String describe(Object v) {
        if (v instanceof JsonObject) {
            return "an object";
        }
        if (v instanceof JsonArray) {
            return "a list";
        }
        if (v instanceof String) {
            return "'" + v + "'";
        }
        return String.valueOf(v);
    }
}
