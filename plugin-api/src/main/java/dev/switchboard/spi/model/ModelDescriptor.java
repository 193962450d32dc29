package dev.switchboard.spi.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One model of the catalog, as routers and adapters see it.
 *
 * @param id               catalog id clients and routes use
 * @param provider         the configured provider id serving it
 * @param upstreamModel    the model name sent upstream
 * @param contextWindow    maximum input + output tokens
 * @param maxOutputTokens  maximum output tokens per call
 * @param capabilities     what it can do beyond text
 * @param inputPrice       USD per million input tokens, null when unknown
 * @param outputPrice      USD per million output tokens, null when unknown
 * @param cachedInputPrice USD per million cached input tokens, null when the model has no cache price
 * @param fallbacks        catalog ids tried after this model when it is called directly
 */
public record ModelDescriptor(
        String id,
        String provider,
        String upstreamModel,
        int contextWindow,
        int maxOutputTokens,
        Set<Capability> capabilities,
        Double inputPrice,
        Double outputPrice,
        Double cachedInputPrice,
        List<String> fallbacks) {

    public ModelDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        upstreamModel = upstreamModel == null ? id : upstreamModel;
        if (contextWindow <= 0) {
            throw new IllegalArgumentException("contextWindow must be positive, got " + contextWindow);
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, got " + maxOutputTokens);
        }
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    /** A model with the given basics and no prices or fallbacks; handy in tests. */
    public static ModelDescriptor of(String id, String provider, int contextWindow, int maxOutputTokens, Set<Capability> capabilities) {
        return new ModelDescriptor(id, provider, id, contextWindow, maxOutputTokens, capabilities, null, null, null, List.of());
    }

    /** Whether the model has the capability. */
    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Whether both input and output prices are known. */
    public boolean priced() {
        return inputPrice != null && outputPrice != null;
    }

    /** Whether the model is free (both prices known and zero). */
    public boolean free() {
        return priced() && inputPrice == 0.0 && outputPrice == 0.0;
    }

    /**
     * Estimated USD cost of a call, or NaN when a price is unknown.
     *
     * @param inputTokens  uncached input tokens
     * @param outputTokens output tokens
     */
    public double estimateCost(long inputTokens, long outputTokens) {
        if (!priced()) {
            return Double.NaN;
        }
        return (inputTokens * inputPrice + outputTokens * outputPrice) / 1_000_000.0;
    }
}
