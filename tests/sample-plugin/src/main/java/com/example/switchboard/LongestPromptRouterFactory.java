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
        return List.of(OptionSpec.string("long-model", "catalog model for long prompts").asRequired(),
                OptionSpec.string("short-model", "catalog model for short prompts").asRequired(),
                OptionSpec.integer("threshold-words", "more words than this is a long prompt").withDefault(10).atLeast(0));
    }

    /**
     * The engine has checked {@code options} against {@link #options()} (types, range, required,
     * defaults filled in); what types cannot say, that the models exist in the catalog, is checked here.
     */
    @Override
    public Router create(JsonObject options, RouterContext context) {
        String longModel = model(options, "long-model", context);
        String shortModel = model(options, "short-model", context);
        int threshold = options.getInteger("threshold-words");
        return request -> {
            String text = request.features().lastUserText().trim();
            int words = text.isEmpty() ? 0 : text.split("\\s+").length;
            boolean isLong = words > threshold;
            return new RoutingDecision(List.of(isLong ? longModel : shortModel, isLong ? shortModel : longModel),
                    "sample " + words + " words", Map.of("size", isLong ? "long" : "short"));
        };
    }

    private static String model(JsonObject options, String key, RouterContext context) {
        String m = options.getString(key);
        if (!context.catalog().containsKey(m)) {
            throw new PluginConfigException(key, "must name a catalog model, got " + m);
        }
        return m;
    }
}
