package com.example.switchboard;

import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingDecision;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A third-party plugin compiled against the plugin API alone: router {@code longest-prompt} sends
 * prompts longer than {@code threshold-words} to {@code long-model} and the rest to {@code short-model}.
 */
public final class SamplePlugin implements Plugin {
    @Override
    public List<RouterFactory> routerFactories() {
        return List.of(new RouterFactory() {
            @Override
            public String id() {
                return "longest-prompt";
            }

            @Override
            public Router create(JsonObject options, RouterContext context) {
                String longModel = model(options, "long-model", context);
                String shortModel = model(options, "short-model", context);
                int threshold = options.getInteger("threshold-words", 10);
                return request -> {
                    int words = request.features().lastUserText().isBlank() ? 0 : request.features().lastUserText().trim().split("\\s+").length;
                    boolean isLong = words > threshold;
                    return new RoutingDecision(List.of(isLong ? longModel : shortModel, isLong ? shortModel : longModel),
                            "sample " + words + " words", Map.of("size", isLong ? "long" : "short"));
                };
            }
        });
    }

    private static String model(JsonObject options, String key, RouterContext context) {
        String m = options.getString(key);
        if (m == null || !context.catalog().containsKey(m)) {
            throw new PluginConfigException(key, "must name a catalog model, got " + m);
        }
        return m;
    }
}
