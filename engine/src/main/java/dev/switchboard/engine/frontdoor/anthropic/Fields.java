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
        Object v = o.getValue(field);
        if (v == null) {
            throw invalid(path, "Field required");
        }
        if (!(v instanceof String)) {
            throw invalid(path, "Input should be a valid string, got " + typeName(v));
        }
        return (String) v;
    }

    static String optionalString(JsonObject o, String field, String path) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw invalid(path, "Input should be a valid string, got " + typeName(v));
        }
        return (String) v;
    }

    static JsonObject requiredObject(JsonObject o, String field, String path) {
        Object v = o.getValue(field);
        if (v == null) {
            throw invalid(path, "Field required");
        }
        if (!(v instanceof JsonObject)) {
            throw invalid(path, "Input should be an object, got " + typeName(v));
        }
        return (JsonObject) v;
    }

    static JsonObject optionalObject(JsonObject o, String field, String path) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof JsonObject)) {
            throw invalid(path, "Input should be an object, got " + typeName(v));
        }
        return (JsonObject) v;
    }

    static JsonArray optionalArray(JsonObject o, String field, String path) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof JsonArray)) {
            throw invalid(path, "Input should be a valid list, got " + typeName(v));
        }
        return (JsonArray) v;
    }

    static boolean optionalBoolean(JsonObject o, String field, String path) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof Boolean)) {
            throw invalid(path, "Input should be a valid boolean, got " + typeName(v));
        }
        return Boolean.TRUE.equals(v);
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
