package dev.switchboard.plugins.router.complexity;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.ModelChains;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured tiers, cheapest first, each with its model chain. Immutable.
 *
 * <p>A rule may name a tier that is not configured: it then gets the next stronger configured
 * tier among the default names ({@code budget < mid < standard < premium}), else the strongest
 * configured tier. Custom tier names take the place config gives them.
 */
final class TierLadder {
    /** The default tier names, cheapest first. */
    static final List<String> DEFAULT_NAMES = List.of("budget", "mid", "standard", "premium");

    private final List<String> names;
    private final List<List<String>> models;

    private TierLadder(List<String> names, List<List<String>> models) {
        this.names = List.copyOf(names);
        this.models = List.copyOf(models);
    }

    /** Reads option {@code tiers}: tier name -> model chain, cheapest first. */
    static TierLadder read(Object value, RouterContext ctx) {
        String example = "{budget: [gpt-4o-mini], standard: [claude-sonnet], premium: [o3]}";
        if (value == null) {
            throw new PluginConfigException("tiers", "is required: tier name -> model chain, cheapest first, e.g. " + example);
        }
        JsonObject tiers = PluginOptions.object(value, "tiers", example);
        if (tiers.isEmpty()) {
            throw new PluginConfigException("tiers", "must configure at least one tier, e.g. " + example);
        }
        List<String> names = new ArrayList<>(tiers.fieldNames());
        List<List<String>> models = new ArrayList<>();
        int lastDefault = -1;
        for (String name : names) {
            int canonical = DEFAULT_NAMES.indexOf(name);
            if (canonical >= 0 && canonical < lastDefault) {
                throw new PluginConfigException("tiers." + name, "is listed after the stronger tier '"
                        + DEFAULT_NAMES.get(lastDefault) + "'; list tiers cheapest first: " + String.join(", ", DEFAULT_NAMES));
            }
            lastDefault = Math.max(lastDefault, canonical);
            models.add(ModelChains.read(tiers.getValue(name), "tiers." + name, ctx));
        }
        return new TierLadder(names, models);
    }

    /** The configured tier names, cheapest first. */
    List<String> names() {
        return names;
    }

    /** Whether any configured tier has a default name. */
    boolean usesDefaultNames() {
        return names.stream().anyMatch(DEFAULT_NAMES::contains);
    }

    /** Whether a rule may name the tier: a configured tier or a default name. */
    boolean accepts(String name) {
        return names.contains(name) || DEFAULT_NAMES.contains(name);
    }

    /** The configured tier serving {@code name} (see the class comment); {@code name} must be {@link #accepts accepted}. */
    int resolve(String name) {
        int index = names.indexOf(name);
        if (index >= 0) {
            return index;
        }
        int wanted = DEFAULT_NAMES.indexOf(name);
        for (int i = 0; i < names.size(); i++) {
            if (DEFAULT_NAMES.indexOf(names.get(i)) > wanted) {
                return i;
            }
        }
        return names.size() - 1;
    }

    /** The tier's chain, followed (when asked) by the stronger tiers' models, each model once. */
    List<String> chain(int tier, boolean withStronger) {
        Set<String> chain = new LinkedHashSet<>(models.get(tier));
        for (int i = tier + 1; withStronger && i < models.size(); i++) {
            chain.addAll(models.get(i));
        }
        return List.copyOf(chain);
    }
}
