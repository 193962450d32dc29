package dev.switchboard.plugins.router.fixed;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingDecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fixed} router: option {@code models} is an ordered chain (primary first, then the
 * fallbacks), returned for every request. Useful as a named alias with a fallback chain.
 */
public final class FixedRouterFactory implements RouterFactory {

    @Override
    public String id() {
        return "fixed";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.strings("models", "ordered chain of catalog model ids or route names").asRequired());
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        JsonArray array = options.getJsonArray("models", new JsonArray());
        if (array.isEmpty()) {
            throw new PluginConfigException("models", "must be a non-empty list of model ids, e.g. [gpt-4o-mini, claude-haiku]");
        }
        List<String> models = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object m = array.getValue(i);
            if (!(m instanceof String) || !context.knows((String) m)) {
                throw new PluginConfigException("models[" + i + "]", "unknown model '" + m + "' (known: "
                        + String.join(", ", context.catalog().keySet().stream().limit(8).toList()) + ")");
            }
            models.add((String) m);
        }
        RoutingDecision decision = RoutingDecision.of(models, "fixed chain " + String.join(">", models));
        return request -> decision;
    }
}
