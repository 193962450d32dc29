package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Small JSON helpers shared by the translators: typed reads that never throw on a wrong type. */
final class GeminiJson {
    private GeminiJson() {
    }

    /** Parses a JSON object or fails with {@link ErrorKind#MALFORMED_RESPONSE} naming the provider. */
    static JsonObject parseObject(Buffer body, String providerId, String what) {
        return parseObject(body.toString(), providerId, what);
    }

    /** As {@link #parseObject(Buffer, String, String)}, from text (a stream event's data). */
    static JsonObject parseObject(String text, String providerId, String what) {
        Object v = decode(text);
        if (v instanceof JsonObject) {
            return (JsonObject) v;
        }
        throw malformed(providerId, what + " is not a JSON object: " + truncate(text));
    }

    /** Decodes any JSON value, or returns null when the text is not JSON. */
    static Object decode(String text) {
        try {
            return Json.decodeValue(text);
        } catch (DecodeException notJson) {
            return null;
        }
    }

    /** A {@link ErrorKind#MALFORMED_RESPONSE} error naming the provider. */
    static ProviderException malformed(String providerId, String detail) {
        return new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed answer from Gemini provider '" + providerId + "': " + detail);
    }

    static String str(Object v) {
        return v instanceof String ? (String) v : null;
    }

    static JsonObject obj(JsonObject json, String key) {
        Object v = json.getValue(key);
        return v instanceof JsonObject ? (JsonObject) v : null;
    }

    static JsonArray arr(JsonObject json, String key) {
        Object v = json.getValue(key);
        return v instanceof JsonArray ? (JsonArray) v : null;
    }

    static int intOf(JsonObject json, String key) {
        Object v = json.getValue(key);
        return v instanceof Number ? Math.max(0, ((Number) v).intValue()) : 0;
    }

    static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
