package dev.switchboard.plugins.router.weighted;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.PluginOptions;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code weighted} router: A/B splits and load spreading over catalog models or other routes.
 * With {@code sticky-by}, the same user (or the same value of a request header) always lands on the
 * same target, and re-weighting one target only moves keys to or from that target.
 *
 * <p>{@code sticky-by} may not name a header that carries credentials: the key is echoed in the
 * routing reason, which is logged and returned to the client. Use {@code key-name} (the name of
 * the caller's API key, set by the engine after authentication) to stick per key instead.
 */
public final class WeightedRouterFactory implements RouterFactory {

    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "x-goog-api-key");
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final int KNOWN_SHOWN = 8;

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.object("targets", "catalog model ids or route names mapped to positive relative weights, "
                    + "e.g. {gpt-4o: 90, gpt-4o-mini: 10}").asRequired(),
            OptionSpec.string("sticky-by", "'user' (the request's user field) or a request header name, e.g. "
                    + "x-session-id or key-name: the same value always gets the same target (default: random picks)"));

    @Override
    public String id() {
        return "weighted";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Router create(JsonObject options, RouterContext context) {
        Map<String, Double> weights = targets(options.getValue("targets"), context);
        return new WeightedRouter(weights, stickyBy(options.getValue("sticky-by")));
    }

    private static Map<String, Double> targets(Object value, RouterContext context) {
        if (!(value instanceof JsonObject) || ((JsonObject) value).isEmpty()) {
            throw new PluginConfigException("targets", "must map catalog model ids or route names to weights, "
                    + "e.g. {gpt-4o: 90, gpt-4o-mini: 10}");
        }
        JsonObject targets = (JsonObject) value;
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String name : targets.fieldNames()) {
            String path = "targets." + name;
            if (name.equals(context.routeName())) {
                throw new PluginConfigException(path,
                        "route '" + name + "' cannot target itself; name catalog models or other routes");
            }
            if (!context.knows(name)) {
                throw new PluginConfigException(path, "unknown model or route '" + name + "' (" + known(context) + ")");
            }
            weights.put(name, PluginOptions.positiveNumber(targets.getValue(name), path, "a positive number (a relative weight)"));
        }
        return weights;
    }

    private static String stickyBy(Object value) {
        if (value == null) {
            return null;
        }
        String name = value instanceof String ? ((String) value).trim().toLowerCase(Locale.ROOT) : "";
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new PluginConfigException("sticky-by", "must be 'user' (the request's user field) or a header name "
                    + "such as x-session-id, got '" + value + "'");
        }
        if (CREDENTIAL_HEADERS.contains(name)) {
            throw new PluginConfigException("sticky-by", "'" + name + "' carries credentials, which would be echoed in "
                    + "routing reasons; use key-name (the caller's API key name) or a session header such as x-session-id");
        }
        return name;
    }

    private static String known(RouterContext context) {
        List<String> otherRoutes = context.routes().stream()
                .filter(r -> !r.equals(context.routeName())).sorted().collect(Collectors.toList());
        return "known models: " + shortList(context.catalog().keySet()) + "; routes: " + shortList(otherRoutes);
    }

    private static String shortList(Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        String shown = names.stream().limit(KNOWN_SHOWN).collect(Collectors.joining(", "));
        return names.size() > KNOWN_SHOWN ? shown + ", ..." : shown;
    }
}
