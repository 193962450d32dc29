package dev.switchboard.engine.cost;

import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;

/** The USD cost of a call from the catalog prices of the model that served it. */
public final class Pricing {
    private Pricing() {
    }

    /**
     * The cost: the upstream's exact figure when it reported one, else catalog prices (cached input
     * at the cache price when the model has one); null when a price is unknown, never a silent 0.
     */
    public static Double cost(ModelDescriptor model, Usage usage) {
        if (usage == null) {
            return null;
        }
        if (usage.cost() != null) {
            return usage.cost();
        }
        if (!model.priced()) {
            return null;
        }
        long cached = Math.min(usage.cachedTokens(), usage.promptTokens());
        double cachedPrice = model.cachedInputPrice() != null ? model.cachedInputPrice() : model.inputPrice();
        double usd = ((usage.promptTokens() - cached) * model.inputPrice() + cached * cachedPrice
                + (double) usage.completionTokens() * model.outputPrice()) / 1_000_000.0;
        return Math.round(usd * 1e10) / 1e10;
    }
}
