package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code ollama} provider type: Ollama's native {@code /api/chat}, with optional discovery of
 * the pulled models through {@code /api/tags}.
 */
public final class OllamaAdapterFactory implements ProviderAdapterFactory {

    static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";
    static final int DEFAULT_CONTEXT_WINDOW = 8192;

    /** A Go {@code time.ParseDuration} string such as {@code 5m}, {@code 1h30m} or {@code -1s}. */
    private static final Pattern GO_DURATION = Pattern.compile("-?(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    @Override
    public String type() {
        return "ollama";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.optional("base-url", "Ollama server root, default " + DEFAULT_BASE_URL + " (not the /v1 path)"),
                OptionSpec.optional("discover", "list the server's pulled models (GET /api/tags) into the catalog; default false"),
                OptionSpec.optional("default-context-window", "context window of discovered models, default " + DEFAULT_CONTEXT_WINDOW),
                OptionSpec.optional("set-num-ctx", "send the model's catalog context window as options.num_ctx; default false"),
                OptionSpec.optional("keep-alive", "how long Ollama keeps the model loaded after a call, e.g. 10m, 1h, 0 or -1 (forever)"),
                OptionSpec.optional("headers", "extra headers sent on every call (object)"),
                OptionSpec.optional("timeout-ms", "per-call timeout in milliseconds (applied by the engine)"));
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        JsonObject options = context.options();
        OllamaSettings settings = new OllamaSettings(context.providerId(), baseUrl(context.option("base-url", DEFAULT_BASE_URL)),
                headers(options), keepAlive(options.getValue("keep-alive")), bool(options, "discover"),
                positiveInt(options, "default-context-window", DEFAULT_CONTEXT_WINDOW), bool(options, "set-num-ctx"));
        return new OllamaAdapter(settings);
    }

    static String baseUrl(String value) {
        String url = value.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new PluginConfigException("base-url", "must be an http(s) URL like " + DEFAULT_BASE_URL + ", got '" + value + "'");
        }
        if (lower.endsWith("/v1") || lower.endsWith("/api")) {
            throw new PluginConfigException("base-url", "must be the Ollama server root like " + DEFAULT_BASE_URL
                    + " without /v1 or /api (the adapter adds /api/chat), got '" + value + "'");
        }
        return url;
    }

    /** Reads {@code headers}: an object of header name to value. */
    static Map<String, String> headers(JsonObject options) {
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

    /** Ollama reads a JSON number as seconds and a string as a Go duration; a bare "-1" string must become a number. */
    static Object keepAlive(Object v) {
        if (v == null || v instanceof Number) {
            return v;
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (NUMBER.matcher(s).matches()) {
            return s.contains(".") ? (Object) Double.valueOf(s) : (Object) Long.valueOf(s);
        }
        if (!GO_DURATION.matcher(s).matches()) {
            throw new PluginConfigException("keep-alive", "must be seconds (e.g. 600, -1 for forever) or a duration like 10m or 1h30m, got '" + s + "'");
        }
        return s;
    }

    private static boolean bool(JsonObject options, String name) {
        Object v = options.getValue(name);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("false")) {
            return false;
        }
        if (s.equals("true")) {
            return true;
        }
        throw new PluginConfigException(name, "must be true or false, got '" + v + "'");
    }

    private static int positiveInt(JsonObject options, String name, int defaultValue) {
        Object v = options.getValue(name);
        if (v == null || v.toString().isBlank()) {
            return defaultValue;
        }
        try {
            long n = v instanceof Number ? ((Number) v).longValue() : Long.parseLong(v.toString().trim());
            if (n > 0 && n <= Integer.MAX_VALUE && (!(v instanceof Number) || ((Number) v).doubleValue() == n)) {
                return (int) n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new PluginConfigException(name, "must be a positive whole number of tokens, got '" + v + "'");
    }
}
