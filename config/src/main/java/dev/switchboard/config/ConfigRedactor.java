package dev.switchboard.config;

import dev.switchboard.spi.OptionSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Produces a copy of a config tree safe to print: provider options their adapters declare secret,
 * every {@code tracing.headers} value, and any key whose name looks like a credential, are replaced by {@code "***"} (empty values stay
 * empty, so an operator still sees that a key is missing).
 */
public final class ConfigRedactor {
    /** Shown instead of a secret. */
    public static final String MASK = "***";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(api[-_]?key|secret|password|authorization|credential|key-sha256|private|(^|[-_])token($|[-_])).*");

    private ConfigRedactor() {
    }

    /** A redacted deep copy of the tree. */
    public static JsonObject redact(JsonObject tree, PluginTypes types) {
        JsonObject copy = redactObject(tree);
        JsonObject providers = copy.getValue("providers") instanceof JsonObject ? copy.getJsonObject("providers") : null;
        if (providers != null) {
            for (String id : providers.fieldNames()) {
                if (!(providers.getValue(id) instanceof JsonObject)) {
                    continue;
                }
                JsonObject p = providers.getJsonObject(id);
                List<OptionSpec> specs = types.providerTypes().get(p.getString("type"));
                if (specs != null) {
                    for (OptionSpec s : specs) {
                        if (s.secret()) {
                            mask(p, s.name());
                        }
                    }
                }
            }
        }
        // collector headers carry credentials under any name (x-honeycomb-team, dd-api-key, ...): every value is masked
        if (copy.getValue("tracing") instanceof JsonObject tracing && tracing.getValue("headers") instanceof JsonObject headers) {
            headers.fieldNames().forEach(name -> mask(headers, name));
        }
        return copy;
    }

    /**
     * The values {@link #redact} masks: every configured secret in clear (provider keys, header
     * values whose names look secret), so text from elsewhere can be scrubbed of them too.
     */
    public static Set<String> secretValues(JsonObject tree, PluginTypes types) {
        Set<String> out = new LinkedHashSet<>();
        collectMasked(tree, redact(tree, types), out);
        return out;
    }

    private static void collectMasked(Object original, Object redacted, Set<String> out) {
        if (original instanceof JsonObject o && redacted instanceof JsonObject r) {
            o.fieldNames().forEach(k -> collectMasked(o.getValue(k), r.getValue(k), out));
        } else if (original instanceof JsonArray o && redacted instanceof JsonArray r) {
            for (int i = 0; i < o.size() && i < r.size(); i++) {
                collectMasked(o.getValue(i), r.getValue(i), out);
            }
        } else if (MASK.equals(redacted) && original != null && !MASK.equals(original.toString())) {
            out.add(original.toString());
        }
    }

    /** Whether a key name looks like it holds a credential. */
    public static boolean looksSecret(String key) {
        return SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    private static JsonObject redactObject(JsonObject in) {
        JsonObject out = new JsonObject();
        for (String key : in.fieldNames()) {
            Object v = in.getValue(key);
            if (v instanceof JsonObject) {
                out.put(key, redactObject((JsonObject) v));
            } else if (v instanceof JsonArray) {
                out.put(key, redactArray((JsonArray) v));
            } else {
                out.put(key, v);
                if (looksSecret(key)) {
                    mask(out, key);
                }
            }
        }
        return out;
    }

    private static JsonArray redactArray(JsonArray in) {
        JsonArray out = new JsonArray();
        for (Object v : in) {
            out.add(v instanceof JsonObject ? redactObject((JsonObject) v) : v instanceof JsonArray ? redactArray((JsonArray) v) : v);
        }
        return out;
    }

    private static void mask(JsonObject obj, String key) {
        Object v = obj.getValue(key);
        if (v != null && !v.toString().isEmpty()) {
            obj.put(key, MASK);
        }
    }
}
