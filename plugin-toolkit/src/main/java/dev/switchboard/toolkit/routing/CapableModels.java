package dev.switchboard.toolkit.routing;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RequestFeatures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a category's model chain so that models able to serve the request come first: a request
 * with images wants {@link Capability#VISION}, one with tools wants {@link Capability#TOOLS}. Shared
 * by the routers that pick a category first and a model second ({@code semantic},
 * {@code llm-classifier}).
 */
public final class CapableModels {
    /** Catalog models put in front when no model of the chain has the capabilities. */
    private static final int ADDED_CAPABLE = 2;

    private CapableModels() {
    }

    /** The capabilities the request needs: vision for images, tools for tools; empty for plain text. */
    public static Set<Capability> needs(RequestFeatures features) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        if (features.hasImages()) {
            needs.add(Capability.VISION);
        }
        if (features.hasTools()) {
            needs.add(Capability.TOOLS);
        }
        return needs;
    }

    /**
     * The chain with the models that have every needed capability first (in chain order); when none
     * has, the first catalog models that do are put in front. Models the catalog does not describe
     * (routes) keep their place among the rest. The chain itself when nothing is needed.
     */
    public static List<String> first(List<String> chain, Set<Capability> needs, Map<String, ModelDescriptor> catalog) {
        if (needs.isEmpty()) {
            return chain;
        }
        List<String> capable = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String id : chain) {
            ModelDescriptor m = catalog.get(id);
            (m != null && m.capabilities().containsAll(needs) ? capable : rest).add(id);
        }
        if (capable.isEmpty()) {
            for (ModelDescriptor m : catalog.values()) {
                if (capable.size() < ADDED_CAPABLE && m.capabilities().containsAll(needs)
                        && !m.capabilities().contains(Capability.EMBEDDINGS)) {
                    capable.add(m.id());
                }
            }
        }
        capable.addAll(rest);
        return capable;
    }

    /**
     * What a reason adds when {@link #first} reordered the chain, e.g. {@code ; vision+tools capable first},
     * else the empty string.
     */
    public static String note(List<String> chain, List<String> ordered, Set<Capability> needs) {
        return ordered.equals(chain) ? "" : "; " + String.join("+", needs.stream().map(Capability::configName).toList())
                + " capable first";
    }
}
