package dev.switchboard.plugins.provider.anthropic;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed, forgiving reads of upstream JSON: a missing or ill-typed field reads as absent. */
final class JsonFields {
    private JsonFields() {
    }

    /** The string at {@code key}, or null. */
    static String string(JsonObject json, String key) {
        Object v = json == null ? null : json.getValue(key);
        return v instanceof String ? (String) v : null;
    }

    /** The object at {@code key}, or null. */
    static JsonObject object(JsonObject json, String key) {
        Object v = json == null ? null : json.getValue(key);
        return v instanceof JsonObject ? (JsonObject) v : null;
    }

    /** The array at {@code key}, or null. */
    static JsonArray array(JsonObject json, String key) {
        Object v = json == null ? null : json.getValue(key);
        return v instanceof JsonArray ? (JsonArray) v : null;
    }

    /** A token count at {@code key}: the number when present and non-negative, else 0. */
    static int count(JsonObject json, String key) {
        Object v = json == null ? null : json.getValue(key);
        return v instanceof Number ? Math.max(0, ((Number) v).intValue()) : 0;
    }

    /** The integer at {@code key}, or null. */
    static Integer integer(JsonObject json, String key) {
        Object v = json == null ? null : json.getValue(key);
        return v instanceof Number ? ((Number) v).intValue() : null;
    }

    /** Parses text that should be one JSON object; null when it is not JSON or not an object. */
    static JsonObject parseObject(String text) {
        try {
            Object v = Json.decodeValue(text);
            return v instanceof JsonObject ? (JsonObject) v : null;
        } catch (DecodeException notJson) {
            return null;
        }
    }

    /** Cuts long upstream text for an error message. */
    static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
