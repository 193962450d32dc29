package com.example.switchboard;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingDecision;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Router {@code longest-prompt}: sends prompts whose last user message has more than
 * {@code threshold-words} words to {@code long-model}, the rest to {@code short-model}; the other
 * model is the fallback.
 */
public final class LongestPromptRouterFactory implements RouterFactory {

    @Override
    public String id() {
        return "longest-prompt";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.required("long-model", "catalog model for long prompts"),
                OptionSpec.required("short-model", "catalog model for short prompts"),
                OptionSpec.optional("threshold-words", "words above which a prompt is long (default 10)"));
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        String longModel = model(options, "long-model", context);
        String shortModel = model(options, "short-model", context);
        int threshold = threshold(options);
        return request -> {
            String text = request.features().lastUserText().trim();
            int words = text.isEmpty() ? 0 : text.split("\\s+").length;
            boolean isLong = words > threshold;
            return new RoutingDecision(List.of(isLong ? longModel : shortModel, isLong ? shortModel : longModel),
                    "sample " + words + " words", Map.of("size", isLong ? "long" : "short"));
        };
    }

    private static String model(JsonObject options, String key, RouterContext context) {
        Object m = options.getValue(key);
        if (!(m instanceof String) || !context.catalog().containsKey(m)) {
            throw new PluginConfigException(key, "must name a catalog model, got " + m);
        }
        return (String) m;
    }

    private static int threshold(JsonObject options) {
        Object t = options.getValue("threshold-words", 10);
        if (!(t instanceof Integer) || (Integer) t < 0) {
            throw new PluginConfigException("threshold-words", "must be a whole number of words, 0 or more, got " + t);
        }
        return (Integer) t;
    }
}
