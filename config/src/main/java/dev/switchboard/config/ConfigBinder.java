package dev.switchboard.config;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Validates an interpolated config tree and builds {@link SwitchboardConfig}, collecting every error. */
final class ConfigBinder {
    private static final Set<String> TOP = Set.of("server", "plugins", "providers", "models", "routes", "resilience",
            "event-bus", "cluster", "logging", "metrics", "auth", "config", "catalog", "responses", "routing", "tracing", "feedback");
    private static final int DEFAULT_CONTEXT = 8192;

    private final PluginTypes types;
    private final List<ConfigError> errors;
    private final java.util.function.Function<String, String> env;

    ConfigBinder(PluginTypes types, List<ConfigError> errors) {
        this(types, errors, name -> null);
    }

    /** @param env the process environment, for the {@code OTEL_*} variables {@code tracing} falls back to */
    ConfigBinder(PluginTypes types, List<ConfigError> errors, java.util.function.Function<String, String> env) {
        this.types = types;
        this.errors = errors;
        this.env = env;
    }

    SwitchboardConfig bind(JsonObject tree, Map<String, String> envRefs) {
        Node root = new Node(tree, "", errors);
        root.allowOnly(TOP);
        SwitchboardConfig.Server server = server(root.child("server"));
        Node plugins = root.child("plugins");
        plugins.allowOnly(Set.of("dir"));
        Map<String, SwitchboardConfig.Provider> providers = providers(root.child("providers"));
        Map<String, ModelDescriptor> models = models(root.child("models"), providers, catalog(root.child("catalog")));
        Map<String, SwitchboardConfig.Route> routes = routes(root.child("routes"), models);
        Node resilienceNode = root.child("resilience");
        SwitchboardConfig.Resilience base = resilience(resilienceNode);
        Map<String, JsonObject> overrides = new LinkedHashMap<>();
        overrides(root.child("models"), "model:", resilienceNode.json(), overrides);
        overrides(root.child("routes"), "route:", resilienceNode.json(), overrides);
        return new SwitchboardConfig(server, plugins.string("dir", null), providers, models, routes,
                base, overrides, eventBus(root.child("event-bus")), cluster(root.child("cluster")),
                logging(root.child("logging")), metrics(root.child("metrics")), auth(root.child("auth"), routes.keySet(), models.keySet()),
                responses(root.child("responses")), routing(root.child("routing")), root.child("config").bool("watch", false), tree,
                Map.copyOf(envRefs), new TracingBinder(root.child("tracing"), errors, env).bind(), feedback(root.child("feedback")));
    }

    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    private SwitchboardConfig.Auth auth(Node n, Set<String> routes, Set<String> models) {
        n.allowOnly(Set.of("admin-key-sha256", "keys"));
        String admin = sha(n, "admin-key-sha256");
        List<SwitchboardConfig.ApiKey> keys = new ArrayList<>();
        Object list = n.json().getValue("keys");
        if (list != null && !(list instanceof io.vertx.core.json.JsonArray)) {
            n.error("keys", "must be a list of {name, key-sha256, ...}");
        } else if (list != null) {
            io.vertx.core.json.JsonArray array = (io.vertx.core.json.JsonArray) list;
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                Object o = array.getValue(i);
                Node k = new Node(o instanceof JsonObject ? (JsonObject) o : null, n.path("keys[" + i + "]"), errors);
                if (!(o instanceof JsonObject)) {
                    k.error(null, "must be an object {name, key-sha256, ...}");
                    continue;
                }
                keys.add(apiKey(k, names, routes, models));
            }
        }
        return new SwitchboardConfig.Auth(admin, keys);
    }

    private SwitchboardConfig.ApiKey apiKey(Node k, Set<String> names, Set<String> routes, Set<String> models) {
        k.allowOnly(Set.of("name", "key-sha256", "allow", "budget-usd", "budget-period", "rpm", "tpm", "prefer-cheaper-at"));
        String name = k.string("name", null);
        if (name == null || name.isBlank()) {
            k.error("name", "is required (shown in logs and decisions)");
        } else if (!names.add(name)) {
            k.error("name", "duplicate key name '" + name + "'");
        }
        String sha = sha(k, "key-sha256");
        if (sha == null) {
            k.error("key-sha256", "is required: the SHA-256 (hex) of the key; `java -jar switchboard.jar --new-key` prints one");
        }
        List<String> allow = k.strings("allow");
        for (String a : allow) {
            if (!routes.contains(a) && !models.contains(a)) {
                k.error("allow", "unknown route or model '" + a + "'");
            }
        }
        String period = k.string("budget-period", "month");
        if (!period.equals("day") && !period.equals("month")) {
            k.error("budget-period", "must be day or month, got '" + period + "'");
        }
        long rpm = k.number("rpm", 0, 0, 10_000_000);
        long tpm = k.number("tpm", 0, 0, 10_000_000_000L);
        Double prefer = k.decimal("prefer-cheaper-at", 0);
        if (prefer != null && prefer > 1) {
            k.error("prefer-cheaper-at", "is a fraction of the budget between 0 and 1, got " + prefer);
        }
        return new SwitchboardConfig.ApiKey(name, sha == null ? null : sha.toLowerCase(java.util.Locale.ROOT), allow,
                k.decimal("budget-usd", 0), period, (int) rpm, tpm, prefer);
    }

    private static String sha(Node n, String key) {
        String v = n.string(key, null);
        if (v != null && !SHA256.matcher(v).matches()) {
            n.error(key, "must be 64 hex characters (a SHA-256), got " + v.length() + " characters");
            return null;
        }
        return v == null ? null : v.toLowerCase(java.util.Locale.ROOT);
    }

    private SwitchboardConfig.Logging logging(Node n) {
        n.allowOnly(Set.of("decision-ring-size", "decisions-file", "decisions-max-bytes", "decisions-max-files"));
        String file = n.string("decisions-file", null);
        return new SwitchboardConfig.Logging((int) n.number("decision-ring-size", 1000, 1, 1_000_000),
                file == null || file.isBlank() ? null : file, n.number("decisions-max-bytes", 50L * 1024 * 1024, 1024, 1L << 40),
                (int) n.number("decisions-max-files", 5, 1, 1000));
    }

    private SwitchboardConfig.Metrics metrics(Node n) {
        n.allowOnly(Set.of("vertx", "max-key-labels"));
        int maxKeyLabels = (int) n.number("max-key-labels", SwitchboardConfig.Metrics.DEFAULT_MAX_KEY_LABELS, 0, 10_000);
        if (n.json().getValue("vertx") == null) {
            return new SwitchboardConfig.Metrics(SwitchboardConfig.Metrics.DEFAULT_VERTX, maxKeyLabels);
        }
        List<String> all = SwitchboardConfig.Metrics.VERTX_DOMAINS;
        Set<String> domains = new java.util.HashSet<>();
        List<String> given = n.strings("vertx");
        for (int i = 0; i < given.size(); i++) {
            String d = given.get(i);
            if ("all".equals(d)) {
                domains.addAll(all);
            } else if (all.contains(d)) {
                domains.add(d);
            } else {
                n.error("vertx[" + i + "]", "unknown Vert.x metric domain '" + d + "': use any of " + String.join(", ", all)
                        + ", or all ([] for none)");
            }
        }
        return new SwitchboardConfig.Metrics(domains, maxKeyLabels);
    }

    private SwitchboardConfig.Server server(Node n) {
        n.allowOnly(Set.of("host", "port", "max-body-bytes", "instances", "shutdown-timeout-ms", "stream-write-queue-bytes",
                "header-timeout-ms", "idle-timeout-ms", "body-timeout-ms", "max-connections", "max-event-loop-lag-ms"));
        int cores = Runtime.getRuntime().availableProcessors();
        return new SwitchboardConfig.Server(n.string("host", "127.0.0.1"), (int) n.number("port", 8080, 0, 65535),
                n.number("max-body-bytes", 8L * 1024 * 1024, 1024, 1L << 30), (int) n.number("instances", cores, 1, 256),
                n.number("shutdown-timeout-ms", 10_000, 0, 600_000),
                (int) n.number("stream-write-queue-bytes", 32 * 1024, 1024, 64L * 1024 * 1024),
                n.number("header-timeout-ms", 10_000, 100, 600_000),
                n.number("idle-timeout-ms", 75_000, 100, 3_600_000), n.number("body-timeout-ms", 60_000, 100, 3_600_000),
                (int) n.number("max-connections", 10_000, 1, 1_000_000), n.number("max-event-loop-lag-ms", 2_000, 100, 600_000));
    }

    private Map<String, SwitchboardConfig.Provider> providers(Node n) {
        Map<String, SwitchboardConfig.Provider> out = new LinkedHashMap<>();
        for (String id : n.json().fieldNames()) {
            Node p = n.child(id);
            String type = p.string("type", null);
            if (type == null) {
                p.error("type", "is required (known types: " + known(new TreeSet<>(types.providerTypes().keySet())) + ")");
                continue;
            }
            List<OptionSpec> specs = types.providerTypes().get(type);
            if (specs == null) {
                p.error("type", "unknown provider type '" + type + "' (known: " + known(new TreeSet<>(types.providerTypes().keySet())) + ")");
                continue;
            }
            JsonObject options = p.json().copy();
            options.remove("type");
            options = checkedOptions(p, providerSpecs(specs), options);
            out.put(id, new SwitchboardConfig.Provider(id, type, options, p.number("timeout-ms", 0, 0, 3_600_000)));
        }
        return out;
    }

    /**
     * A plugin's options checked against its specs (each problem recorded under {@code n}'s path),
     * as its factory gets them: values converted to their types, defaults filled in.
     */
    private static JsonObject checkedOptions(Node n, List<OptionSpec> specs, JsonObject options) {
        OptionValidator.Checked checked = OptionValidator.check(specs, options);
        checked.problems().forEach(e -> n.error(e.path(), e.getMessage()));
        return checked.options();
    }

    /** The adapter's specs with the engine's own provider options ({@code timeout-ms} is read and checked by the engine). */
    private static List<OptionSpec> providerSpecs(List<OptionSpec> specs) {
        List<OptionSpec> out = new ArrayList<>();
        specs.stream().filter(s -> !PluginTypes.ENGINE_PROVIDER_OPTIONS.contains(s.name())).forEach(out::add);
        out.add(OptionSpec.optional("timeout-ms", "per-call timeout in milliseconds (applied by the engine)"));
        return out;
    }

    /** {@code catalog.price-file}: read now (blocking), so a missing or malformed file fails the load. */
    private PriceCatalog catalog(Node n) {
        n.allowOnly(Set.of("price-file"));
        String file = n.string("price-file", null);
        if (file == null || file.isBlank()) {
            return PriceCatalog.EMPTY;
        }
        try {
            return PriceCatalog.load(file, problem -> n.error("price-file", problem));
        } catch (IllegalArgumentException e) {
            n.error("price-file", e.getMessage());
            return PriceCatalog.EMPTY;
        }
    }

    private Map<String, ModelDescriptor> models(Node n, Map<String, SwitchboardConfig.Provider> providers, PriceCatalog catalog) {
        Map<String, ModelDescriptor> out = new LinkedHashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (String id : n.json().fieldNames()) {
            Node m = n.child(id);
            nodes.put(id, m);
            m.allowOnly(Set.of("provider", "upstream-model", "context-window", "max-output-tokens", "capabilities",
                    "input-price", "output-price", "cached-input-price", "fallbacks", "resilience"));
            String provider = m.string("provider", null);
            if (provider == null) {
                m.error("provider", "is required (known: " + known(providers.keySet()) + ")");
                continue;
            }
            if (!providers.containsKey(provider)) {
                m.error("provider", "unknown provider '" + provider + "' (known: " + known(providers.keySet()) + ")");
            }
            int context = (int) m.number("context-window", DEFAULT_CONTEXT, 1, 100_000_000);
            int maxOut = (int) m.number("max-output-tokens", Math.min(4096, context), 1, 100_000_000);
            Set<Capability> caps = new LinkedHashSet<>();
            for (String c : m.strings("capabilities")) {
                Capability cap = Capability.fromConfig(c);
                if (cap == null) {
                    m.error("capabilities", "unknown capability '" + c + "' (known: vision, tools, json)");
                } else {
                    caps.add(cap);
                }
            }
            ModelDescriptor configured = new ModelDescriptor(id, provider, m.string("upstream-model", id), context, maxOut, caps,
                    m.decimal("input-price", 0), m.decimal("output-price", 0), m.decimal("cached-input-price", 0),
                    m.strings("fallbacks"));
            SwitchboardConfig.Provider p = providers.get(provider);
            out.put(id, catalog.complete(configured, p == null ? null : p.type(), m.json().fieldNames()));
        }
        nodes.forEach((id, m) -> {
            ModelDescriptor d = out.get(id);
            if (d != null) {
                for (String f : d.fallbacks()) {
                    if (!out.containsKey(f)) {
                        m.error("fallbacks", "unknown model '" + f + "' (known: " + known(out.keySet()) + ")");
                    }
                }
            }
        });
        return out;
    }

    private Map<String, SwitchboardConfig.Route> routes(Node n, Map<String, ModelDescriptor> models) {
        Map<String, SwitchboardConfig.Route> out = new LinkedHashMap<>();
        for (String name : n.json().fieldNames()) {
            Node r = n.child(name);
            r.allowOnly(Set.of("router", "options", "description", "resilience", "decision-timeout-ms", "fallback-router",
                    "fallback-options", "escalation"));
            if (models.containsKey(name)) {
                r.error(null, "route name '" + name + "' is also a model id; clients could not tell them apart");
            }
            String router = r.string("router", null);
            if (router == null) {
                r.error("router", "is required (known routers: " + known(new TreeSet<>(types.routerIds())) + ")");
                continue;
            }
            if (!types.routerIds().contains(router)) {
                r.error("router", "unknown router '" + router + "' (known: " + known(new TreeSet<>(types.routerIds())) + ")");
                continue;
            }
            Node options = r.child("options");
            List<OptionSpec> specs = types.routerTypes().get(router);
            String fallback = fallbackRouter(r, name, n.json().fieldNames());
            Node fallbackOptions = r.child("fallback-options");
            List<OptionSpec> fallbackSpecs = fallback == null || n.json().containsKey(fallback) ? List.of()
                    : types.routerTypes().get(fallback);
            // a router declaring no options predates typed options and reads them itself
            out.put(name, new SwitchboardConfig.Route(name, router,
                    specs.isEmpty() ? options.json() : checkedOptions(options, specs, options.json()),
                    r.number("decision-timeout-ms", SwitchboardConfig.Route.DEFAULT_DECISION_TIMEOUT_MS, 1, 600_000), fallback,
                    fallbackSpecs.isEmpty() ? fallbackOptions.json() : checkedOptions(fallbackOptions, fallbackSpecs, fallbackOptions.json()),
                    EscalationBinder.escalation(r)));
        }
        return out;
    }

    /** {@code routes.<name>.fallback-router}: another route's name or a router id; {@code fallback-options} only with a router id. */
    private String fallbackRouter(Node r, String route, Set<String> routes) {
        String fallback = r.string("fallback-router", null);
        boolean options = r.json().getValue("fallback-options") != null;
        if (fallback == null) {
            if (options) {
                r.error("fallback-options", "needs fallback-router naming a router id");
            }
            return null;
        }
        if (fallback.equals(route)) {
            r.error("fallback-router", "cannot be the route itself ('" + route + "'); name another route or a router id");
            return null;
        }
        if (routes.contains(fallback)) {
            if (options) {
                r.error("fallback-options", "only applies when fallback-router is a router id, but '" + fallback
                        + "' is a route (set its options on that route)");
            }
            return fallback;
        }
        if (!types.routerIds().contains(fallback)) {
            r.error("fallback-router", "unknown route or router '" + fallback + "' (routes: " + known(routes)
                    + "; routers: " + known(new TreeSet<>(types.routerIds())) + ")");
            return null;
        }
        return fallback;
    }

    private SwitchboardConfig.Routing routing(Node n) {
        n.allowOnly(Set.of("worker-pool-size", "worker-queue"));
        return new SwitchboardConfig.Routing((int) n.number("worker-pool-size", 4, 1, 256), (int) n.number("worker-queue", 64, 0, 100_000));
    }

    /** Validates every {@code <models|routes>.<name>.resilience} override against the same rules as {@code resilience}. */
    private void overrides(Node parent, String prefix, JsonObject base, Map<String, JsonObject> out) {
        for (String name : parent.json().fieldNames()) {
            Node entry = parent.child(name);
            if (entry.json().getValue("resilience") != null) {
                Node o = entry.child("resilience");
                resilience(o);
                out.put(prefix + name, o.json());
            }
        }
    }

    /** Reads {@code resilience} keys; unset keys take the built-in defaults. */
    static SwitchboardConfig.Resilience resilience(JsonObject json, List<ConfigError> errors) {
        return new ConfigBinder(null, errors).resilience(new Node(json, "resilience", errors));
    }

    private SwitchboardConfig.Resilience resilience(Node n) {
        n.allowOnly(Set.of("request-timeout-ms", "first-token-timeout-ms", "stream-stall-timeout-ms", "max-retries",
                "max-retry-wait-ms", "retry-base-delay-ms", "breaker"));
        Node b = n.child("breaker");
        b.allowOnly(Set.of("failure-threshold", "reset-timeout-ms"));
        return new SwitchboardConfig.Resilience(n.number("request-timeout-ms", 60_000, 1, 3_600_000),
                n.number("first-token-timeout-ms", 20_000, 1, 3_600_000), n.number("stream-stall-timeout-ms", 30_000, 1, 3_600_000),
                (int) n.number("max-retries", 1, 0, 10), n.number("max-retry-wait-ms", 10_000, 0, 600_000),
                n.number("retry-base-delay-ms", 200, 0, 60_000),
                new SwitchboardConfig.Breaker((int) b.number("failure-threshold", 3, 1, 1000), b.number("reset-timeout-ms", 30_000, 1, 3_600_000)));
    }

    private SwitchboardConfig.EventBus eventBus(Node n) {
        n.allowOnly(Set.of("address", "route-address", "stream-window", "stream-ack-timeout-ms", "embeddings-address", "responses-address",
                "feedback-address"));
        return new SwitchboardConfig.EventBus(n.string("address", "switchboard.chat"), n.string("route-address", "switchboard.route"),
                (int) n.number("stream-window", 64, 1, 100_000), n.number("stream-ack-timeout-ms", 30_000, 100, 3_600_000),
                n.string("embeddings-address", "switchboard.embeddings"), n.string("responses-address", "switchboard.responses"),
                n.string("feedback-address", "switchboard.feedback"));
    }

    private SwitchboardConfig.Feedback feedback(Node n) {
        n.allowOnly(Set.of("ttl-ms", "max-entries", "max-comment-chars"));
        return new SwitchboardConfig.Feedback(n.number("ttl-ms", 86_400_000L, 1_000, 30L * 86_400_000L),
                (int) n.number("max-entries", 100_000, 1, 10_000_000), (int) n.number("max-comment-chars", 2_000, 0, 100_000));
    }

    private SwitchboardConfig.ResponsesStore responses(Node n) {
        n.allowOnly(Set.of("max-stored", "ttl-ms"));
        return new SwitchboardConfig.ResponsesStore((int) n.number("max-stored", 10_000, 1, 10_000_000),
                n.number("ttl-ms", 86_400_000L, 1_000, 30L * 86_400_000L));
    }

    private SwitchboardConfig.Cluster cluster(Node n) {
        n.allowOnly(Set.of("enabled", "name", "host", "port", "members", "discovery", "kubernetes", "op-timeout-ms", "on-timeout",
                "heartbeat-interval-seconds", "max-no-heartbeat-seconds"));
        List<String> members = new ArrayList<>(n.strings("members"));
        Node onTimeout = n.child("on-timeout");
        onTimeout.allowOnly(Set.of("limits"));
        String limits = onTimeout.string("limits", "local");
        if (!SwitchboardConfig.Cluster.LIMITS_ON_TIMEOUT.contains(limits)) {
            onTimeout.error("limits", "must be local or fail-closed, got '" + limits + "'");
        }
        int heartbeat = (int) n.number("heartbeat-interval-seconds", 1, 1, 60);
        int maxNoHeartbeat = (int) n.number("max-no-heartbeat-seconds", 6, 2, 600);
        if (maxNoHeartbeat <= heartbeat) {
            n.error("max-no-heartbeat-seconds", "must be more than heartbeat-interval-seconds (" + heartbeat + "), got " + maxNoHeartbeat);
        }
        return new SwitchboardConfig.Cluster(n.bool("enabled", false), n.string("name", "switchboard"), n.string("host", "127.0.0.1"),
                (int) n.number("port", 5701, 1, 65535), members.isEmpty() ? List.of("127.0.0.1:5701") : members,
                n.number("op-timeout-ms", 300, 10, 10_000), limits, heartbeat, maxNoHeartbeat, DiscoveryBinder.discovery(n));
    }

    /** Names for an error message, in the collection's order, at most 12. */
    static String known(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> list = new ArrayList<>(names);
        return list.size() <= 12 ? String.join(", ", list) : String.join(", ", list.subList(0, 12)) + ", ...";
    }
}
