package dev.switchboard.plugins.router.costfloor;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.ModelChains;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cost-floor} router, like OpenRouter's {@code :floor}: the cheapest candidate that can
 * serve the request, then the next cheapest as fallbacks.
 *
 * <p>The request-independent filters (known price, free tiers, price caps) are applied here, once:
 * a candidate without a price cannot be ranked, so it is skipped when the candidates default to the
 * catalog and rejected when {@code models} names it. Options that leave no candidate at all are a
 * configuration error.
 */
public final class CostFloorRouterFactory implements RouterFactory {

    /** Output tokens assumed when a request sets no {@code max_tokens}. */
    public static final int DEFAULT_EXPECTED_OUTPUT_TOKENS = 512;
    /** Fallbacks after the cheapest model. */
    public static final int DEFAULT_FALLBACKS = 2;

    private static final String USD = "USD per million tokens";

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.strings("models", "candidate catalog model ids (default: every priced model of the catalog); "
                    + "ties keep this order"),
            OptionSpec.integer("expected-output-tokens", "output tokens assumed for cost and context checks when the "
                    + "request sets no max_tokens").withDefault(DEFAULT_EXPECTED_OUTPUT_TOKENS).atLeast(1),
            OptionSpec.number("max-input-price", "skip models whose input price exceeds this (" + USD + ")").atLeast(0),
            OptionSpec.number("max-output-price", "skip models whose output price exceeds this (" + USD + ")").atLeast(0),
            OptionSpec.bool("exclude-free", "skip free models (both prices 0), whose tiers are often rate-limited")
                    .withDefault(true),
            OptionSpec.integer("fallbacks", "how many next-cheapest models follow the cheapest")
                    .withDefault(DEFAULT_FALLBACKS).atLeast(0));

    @Override
    public String id() {
        return "cost-floor";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        boolean explicit = options.getValue("models") != null;
        List<ModelDescriptor> listed = explicit ? models(options.getJsonArray("models"), context)
                : context.catalog().values().stream().filter(m -> !m.can(Capability.EMBEDDINGS)).toList(); // chat models only
        int expectedOutput = options.getInteger("expected-output-tokens", DEFAULT_EXPECTED_OUTPUT_TOKENS);
        int fallbacks = options.getInteger("fallbacks", DEFAULT_FALLBACKS);
        PriceFilter filter = new PriceFilter(options.getBoolean("exclude-free", true),
                options.getDouble("max-input-price"), options.getDouble("max-output-price"));
        List<ModelDescriptor> candidates = new ArrayList<>();
        int unpriced = 0;
        for (int i = 0; i < listed.size(); i++) {
            ModelDescriptor model = listed.get(i);
            if (!model.priced()) {
                if (explicit) {
                    throw new PluginConfigException("models[" + i + "]", "model '" + model.id() + "' has no input-price/"
                            + "output-price in the catalog, so its cost cannot be ranked; set both prices or remove it");
                }
                unpriced++;
            } else if (filter.admits(model)) {
                candidates.add(model);
            }
        }
        if (candidates.isEmpty()) {
            throw new PluginConfigException(explicit ? "models" : "", nothingLeft(listed, filter));
        }
        return new CostFloorRouter(candidates, expectedOutput, fallbacks, unpriced);
    }

    /** A non-empty list of distinct catalog models. */
    private static List<ModelDescriptor> models(JsonArray array, RouterContext context) {
        if (array.isEmpty()) {
            throw new PluginConfigException("models",
                    "must be a non-empty list of catalog model ids, e.g. [" + ModelChains.catalogIds(context) + "]");
        }
        List<ModelDescriptor> models = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = "models[" + i + "]";
            Object name = array.getValue(i);
            ModelDescriptor model = name instanceof String ? context.catalog().get(name) : null;
            if (model == null) {
                throw new PluginConfigException(path, "unknown model '" + name + "' (known: " + ModelChains.catalogIds(context) + ")");
            }
            if (models.contains(model)) {
                throw new PluginConfigException(path, "'" + name + "' is listed twice; list each model once");
            }
            models.add(model);
        }
        return models;
    }

    private static String nothingLeft(List<ModelDescriptor> listed, PriceFilter filter) {
        long unpriced = listed.stream().filter(m -> !m.priced()).count();
        long free = listed.stream().filter(m -> filter.excludeFree() && m.free()).count();
        long capped = listed.stream().filter(m -> m.priced() && !m.free() && !filter.admits(m)).count();
        return "no candidate left: of " + listed.size() + " models, " + unpriced + " have no price, " + free
                + " are free (exclude-free: " + filter.excludeFree() + ") and " + capped
                + " exceed max-input-price/max-output-price; add prices to the catalog or relax these options";
    }

    /** The request-independent price filter. */
    private record PriceFilter(boolean excludeFree, Double maxInputPrice, Double maxOutputPrice) {

        /** Whether a priced model passes. */
        boolean admits(ModelDescriptor model) {
            if (excludeFree && model.free()) {
                return false;
            }
            return (maxInputPrice == null || model.inputPrice() <= maxInputPrice)
                    && (maxOutputPrice == null || model.outputPrice() <= maxOutputPrice);
        }
    }
}
