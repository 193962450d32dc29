package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed reads of request fields that fail with a 400 naming the field by its dotted path. */
final class Fields {
    private Fields() {
    }

    static InvalidRequestException invalid(String path, String message) {
        return new InvalidRequestException(path, path + ": " + message);
    }

    static String requiredString(JsonObject o, String field, String path) {
        return required(optionalString(o, field, path), path);
    }

    static String optionalString(JsonObject o, String field, String path) {
        return typed(o, field, path, String.class, "a valid string");
    }

    static JsonObject requiredObject(JsonObject o, String field, String path) {
        return required(optionalObject(o, field, path), path);
    }

    static JsonObject optionalObject(JsonObject o, String field, String path) {
        return typed(o, field, path, JsonObject.class, "an object");
    }

    static JsonArray optionalArray(JsonObject o, String field, String path) {
        return typed(o, field, path, JsonArray.class, "a valid list");
    }

    static boolean optionalBoolean(JsonObject o, String field, String path) {
        return Boolean.TRUE.equals(typed(o, field, path, Boolean.class, "a valid boolean"));
    }

    /** The field's value when absent or of {@code type}; otherwise a 400 saying what it should be. */
    private static <T> T typed(JsonObject o, String field, String path, Class<T> type, String what) {
        Object v = o.getValue(field);
        if (v != null && !type.isInstance(v)) {
            throw invalid(path, "Input should be " + what + ", got " + typeName(v));
        }
        return type.cast(v);
    }

    private static <T> T required(T value, String path) {
        if (value == null) {
            throw invalid(path, "Field required");
        }
        return value;
    }

    /** An integer field at least {@code min}, or null when absent. */
    static Integer optionalInt(JsonObject o, String field, String path, int min) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw invalid(path, "Input should be a valid integer, got " + typeName(v));
        }
        if (((Number) v).doubleValue() < min) {
            throw invalid(path, "Input should be greater than or equal to " + min + ", got " + v);
        }
        if (((Number) v).doubleValue() > Integer.MAX_VALUE) {
            throw invalid(path, "Input should be at most " + Integer.MAX_VALUE + ", got " + v);
        }
        return ((Number) v).intValue();
    }

    /** A number field in [min, max], or null when absent. */
    static Double optionalNumber(JsonObject o, String field, String path, double min, double max) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number)) {
            throw invalid(path, "Input should be a valid number, got " + typeName(v));
        }
        double d = ((Number) v).doubleValue();
        if (d < min || d > max) {
            throw invalid(path, "Input should be between " + fmt(min) + " and " + fmt(max) + ", got " + v);
        }
        return d;
    }

    /** An element of an array that must be an object. */
    static JsonObject element(JsonArray a, int i, String path) {
        Object v = a.getValue(i);
        if (!(v instanceof JsonObject)) {
            throw invalid(path, "Input should be an object, got " + typeName(v));
        }
        return (JsonObject) v;
    }

    static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof JsonArray) {
            return "a list";
        }
        return v instanceof JsonObject ? "an object" : v.getClass().getSimpleName();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
