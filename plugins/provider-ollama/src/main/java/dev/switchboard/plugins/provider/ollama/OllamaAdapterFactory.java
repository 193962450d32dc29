package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
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
                OptionSpec.string("base-url", "Ollama server root (not the /v1 path)").withDefault(DEFAULT_BASE_URL),
                OptionSpec.bool("discover", "list the server's pulled models (GET /api/tags) into the catalog").withDefault(false),
                OptionSpec.integer("default-context-window", "context window of discovered models")
                        .withDefault(DEFAULT_CONTEXT_WINDOW).atLeast(1),
                OptionSpec.bool("set-num-ctx", "send the model's catalog context window as options.num_ctx").withDefault(false),
                OptionSpec.string("keep-alive", "how long Ollama keeps the model loaded after a call: seconds or a duration,"
                        + " e.g. 10m, 1h, 0 or -1 (forever)"),
                OptionSpec.object("headers", "extra headers sent on every call"),
                OptionSpec.integer("timeout-ms", "per-call timeout in milliseconds, applied by the engine (default: the engine's)").atLeast(0));
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        JsonObject options = context.options();
        OllamaSettings settings = new OllamaSettings(context.providerId(), baseUrl(context.option("base-url", DEFAULT_BASE_URL)),
                PluginOptions.headers(options), keepAlive(options.getValue("keep-alive")), options.getBoolean("discover", false),
                options.getInteger("default-context-window", DEFAULT_CONTEXT_WINDOW), options.getBoolean("set-num-ctx", false));
        return new OllamaAdapter(settings);
    }

    static String baseUrl(String value) {
        String url = value.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        PluginOptions.httpUrl("base-url", url, DEFAULT_BASE_URL);
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.endsWith("/v1") || lower.endsWith("/api")) {
            throw new PluginConfigException("base-url", "must be the Ollama server root like " + DEFAULT_BASE_URL
                    + " without /v1 or /api (the adapter adds /api/chat), got '" + value + "'");
        }
        return url;
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
}
