package dev.switchboard.quality;

import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Estimated cost of serving one prompt with one model, from the catalog prices: input tokens are the
 * prompt's BPE count plus the framing the engine counts for one message; output tokens are assumed
 * from the prompt's labelled tier ({@link #outputTokens}), the same for every router, so costs
 * compare routing decisions and nothing else.
 */
public final class CostModel {
    private final Map<String, ModelDescriptor> catalog;
    private final ToIntFunction<String> tokens;

    public CostModel(Map<String, ModelDescriptor> catalog, ToIntFunction<String> tokens) {
        this.catalog = catalog;
        this.tokens = tokens;
    }

    /** Assumed answer length by labelled tier: a short reply, an explanation, a worked solution, a long analysis. */
    public static int outputTokens(String tier) {
        return switch (tier) {
            case "budget" -> 150;
            case "mid" -> 400;
            case "standard" -> 800;
            case "premium" -> 1500;
            default -> throw new IllegalArgumentException("unknown tier " + tier);
        };
    }

    /** Input tokens of a one-message request with this text. */
    public int inputTokens(String text) {
        return tokens.applyAsInt(text) + RequestFeatures.TOKENS_PER_MESSAGE + 3;
    }

    /** USD to serve the prompt with the model. */
    public double cost(String model, EvalItem item) {
        ModelDescriptor m = catalog.get(model);
        if (m == null) {
            throw new IllegalArgumentException("model '" + model + "' is not in the catalog");
        }
        double in = m.inputPrice() == null ? 0 : m.inputPrice();
        double out = m.outputPrice() == null ? 0 : m.outputPrice();
        return (inputTokens(item.text()) * in + outputTokens(item.tier()) * out) / 1_000_000.0;
    }
}
