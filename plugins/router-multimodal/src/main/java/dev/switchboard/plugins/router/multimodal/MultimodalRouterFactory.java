package dev.switchboard.plugins.router.multimodal;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.ModelChains;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code multimodal} router, after OpenHands' {@code MultimodalRouter}: requests with an image,
 * or too large for the secondary model's context window, go to the primary model; everything else
 * goes to the (usually cheaper, text-only) secondary.
 *
 * <p>The primary must have the {@code vision} capability: a route whose image requests are sent to
 * a model that cannot read them is a configuration mistake, so it is rejected at start-up rather
 * than reported on every request.
 */
public final class MultimodalRouterFactory implements RouterFactory {

    /** Output tokens reserved in the context check when a request sets no {@code max_tokens}. */
    public static final int DEFAULT_RESERVE_OUTPUT_TOKENS = 4096;

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.string("primary", "catalog model id for images and long prompts; needs the vision capability")
                    .asRequired(),
            OptionSpec.string("secondary", "catalog model id for text-only requests that fit its context window")
                    .asRequired(),
            OptionSpec.integer("reserve-output-tokens", "output tokens kept free in a model's context window when the "
                    + "request sets no max_tokens, capped at the model's max-output-tokens")
                    .withDefault(DEFAULT_RESERVE_OUTPUT_TOKENS).atLeast(1));

    @Override
    public String id() {
        return "multimodal";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        ModelDescriptor primary = model(options, "primary", context);
        ModelDescriptor secondary = model(options, "secondary", context);
        if (primary.id().equals(secondary.id())) {
            throw new PluginConfigException("secondary", "must differ from primary ('" + primary.id()
                    + "'); for a single model use the fixed router instead");
        }
        if (!primary.can(Capability.VISION)) {
            throw new PluginConfigException("primary", "model '" + primary.id() + "' lacks the vision capability, so image "
                    + "requests routed to it would fail; choose a vision model (" + visionModels(context)
                    + ") or add vision to models." + primary.id() + ".capabilities");
        }
        int reserve = options.getInteger("reserve-output-tokens", DEFAULT_RESERVE_OUTPUT_TOKENS);
        return new MultimodalRouter(primary, secondary, reserve);
    }

    /** A catalog model named by a string option. */
    private static ModelDescriptor model(JsonObject options, String key, RouterContext context) {
        String v = options.getString(key);
        ModelDescriptor model = context.catalog().get(v);
        if (model == null) {
            throw new PluginConfigException(key, "unknown model '" + v + "' (known: " + ModelChains.catalogIds(context) + ")");
        }
        return model;
    }

    private static String visionModels(RouterContext context) {
        String names = context.catalog().values().stream().filter(m -> m.can(Capability.VISION))
                .limit(8).map(ModelDescriptor::id).collect(Collectors.joining(", "));
        return names.isEmpty() ? "the catalog has none" : "vision models: " + names;
    }
}
