package dev.switchboard.engine.admin;

import io.vertx.core.json.JsonObject;

/** JSON Merge Patch (RFC 7386): objects merge key by key, null deletes, anything else replaces. */
final class MergePatch {
    private MergePatch() {
    }

    static void apply(JsonObject target, JsonObject patch) {
        for (String key : patch.fieldNames()) {
            Object v = patch.getValue(key);
            if (v == null) {
                target.remove(key);
            } else if (v instanceof JsonObject && target.getValue(key) instanceof JsonObject) {
                apply(target.getJsonObject(key), (JsonObject) v);
            } else {
                target.put(key, v instanceof JsonObject ? ((JsonObject) v).copy() : v);
            }
        }
    }
}
