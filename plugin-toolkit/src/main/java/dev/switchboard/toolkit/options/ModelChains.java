package dev.switchboard.toolkit.options;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.routing.RouterContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and checks an ordered chain of catalog model ids or route names (primary first, then the
 * fallbacks) against a {@link RouterContext}. A helper for plugin authors: a router option that
 * names models, e.g. {@code models: [gpt-4o, claude-sonnet]}, is read with {@link #read}, and
 * error messages list the names an operator may use with {@link #known} or {@link #catalogIds}.
 */
public final class ModelChains {
    private static final int SHOWN = 8;

    private ModelChains() {
    }

    /**
     * The chain at {@code path}: a non-empty list of distinct names the context knows, none of
     * them the route being built (a route naming itself would loop).
     *
     * @param value the option's value as configured
     * @param path  the option path, named in errors, e.g. {@code tiers.budget}
     * @param ctx   the catalog and route names of the route being created
     * @return the chain, in configured order
     * @throws PluginConfigException when the value is not such a chain; the path names the bad element
     */
    public static List<String> read(Object value, String path, RouterContext ctx) {
        List<String> models = PluginOptions.strings(value, path, example(ctx));
        if (models.isEmpty()) {
            throw new PluginConfigException(path, "must name at least one model, e.g. " + example(ctx));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String m = models.get(i);
            String at = path + "[" + i + "]";
            if (m.equals(ctx.routeName())) {
                throw new PluginConfigException(at, "route '" + m + "' cannot route to itself; name catalog models or other routes");
            }
            if (!ctx.knows(m)) {
                throw new PluginConfigException(at, "unknown model '" + m + "'; " + known(ctx));
            }
            if (!seen.add(m)) {
                throw new PluginConfigException(at, "'" + m + "' is listed twice; a chain names each model once");
            }
        }
        return List.copyOf(models);
    }

    /**
     * A few of the names an operator may use, for error messages: {@code known models: a, b (and 3
     * more); routes: x, y}, routes other than the one being built.
     */
    public static String known(RouterContext ctx) {
        List<String> ids = ctx.catalog().keySet().stream().limit(SHOWN).collect(Collectors.toList());
        int more = ctx.catalog().size() - ids.size();
        String text = ids.isEmpty() ? "the catalog is empty" : "known models: " + String.join(", ", ids)
                + (more > 0 ? " (and " + more + " more)" : "");
        List<String> routes = ctx.routes().stream().filter(r -> !r.equals(ctx.routeName())).sorted()
                .limit(SHOWN).collect(Collectors.toList());
        return routes.isEmpty() ? text : text + "; routes: " + String.join(", ", routes);
    }

    /**
     * Up to eight catalog ids separated by commas, followed by {@code , ...} when the catalog has more,
     * or {@code none: the catalog is empty}; for error messages.
     */
    public static String catalogIds(RouterContext ctx) {
        Collection<String> ids = ctx.catalog().keySet();
        String shown = ids.stream().limit(SHOWN).collect(Collectors.joining(", "));
        if (shown.isEmpty()) {
            return "none: the catalog is empty";
        }
        return ids.size() > SHOWN ? shown + ", ..." : shown;
    }

    private static String example(RouterContext ctx) {
        List<String> ids = ctx.catalog().keySet().stream().limit(2).collect(Collectors.toList());
        return "[" + (ids.isEmpty() ? "gpt-4o-mini, claude-haiku" : String.join(", ", ids)) + "]";
    }
}
