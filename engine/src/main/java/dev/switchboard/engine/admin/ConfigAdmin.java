package dev.switchboard.engine.admin;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ConfigRedactor;
import dev.switchboard.config.PluginTypes;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.pipeline.RoutingTableBuilder;
import dev.switchboard.engine.plugin.PluginRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Run-time config changes. The effective config is the file (or bundled default) with an
 * <em>overlay</em> merged over it (JSON merge patch: null deletes). A change is validated exactly
 * like the file by building the whole config and routing table; only then is the new overlay
 * stored in the shared map {@value #MAP} and published on {@value #ADDRESS}, and every node
 * rebuilds from it, so a change applies cluster-wide and a node (re)joining the cluster picks it
 * up. A bad change is rejected with its key path and nothing is applied. Shared-map operations have
 * the {@link ClusterGuard}'s deadline: a change the cluster cannot store in time is refused (503,
 * nothing applied: consistency matters more than speed for config), and a node that cannot read the
 * overlay within the start deadline runs on its file until the next change is published.
 */
public final class ConfigAdmin {
    /** Event-bus address of config changes: {@code {"overlay": {...}, "by": ...}} or {@code {"reload": true}}. */
    public static final String ADDRESS = "switchboard.config";
    /** Shared map holding the current overlay under key {@code overlay}. */
    public static final String MAP = "switchboard.config";
    private static final Logger LOG = Logger.getLogger(ConfigAdmin.class.getName());

    private final Vertx vertx;
    private final ChatService service;
    private final PluginRegistry plugins;
    private final Path file;
    private final Function<String, String> env;
    private volatile JsonObject base;
    private volatile JsonObject overlay = new JsonObject();
    private volatile SwitchboardConfig effective;
    /** The table last handed to the service: the next change retires it (closes its plugins). */
    private final AtomicReference<RoutingTable> live;
    /** Tables swapped out whose plugins are not closed yet. */
    private final Map<RoutingTable, Boolean> retiring = Collections.synchronizedMap(new IdentityHashMap<>());
    private AsyncMap<String, JsonObject> shared;
    private ClusterGuard guard;

    /**
     * @param base the config tree as read, CLI overrides applied
     * @param file the config file for reloads, or null (bundled default)
     */
    public ConfigAdmin(Vertx vertx, ChatService service, PluginRegistry plugins, JsonObject base, SwitchboardConfig effective,
                       Path file, Function<String, String> env) {
        this.vertx = vertx;
        this.service = service;
        this.plugins = plugins;
        this.base = base;
        this.effective = effective;
        this.file = file;
        this.env = env;
        this.live = new AtomicReference<>(service.table());
    }

    /** Subscribes to changes and applies the overlay the cluster already has. */
    public Future<Void> start() {
        return start(ClusterGuard.create(vertx, ClusterGuard.DEFAULT_TIMEOUT_MS));
    }

    /** As {@link #start()}, with the deadline of cluster operations. */
    public Future<Void> start(ClusterGuard guard) {
        this.guard = guard;
        vertx.eventBus().<JsonObject>consumer(ADDRESS, this::onChange);
        return vertx.sharedData().<String, JsonObject>getAsyncMap(MAP).compose(map -> {
            shared = map;
            return guard.callAtStart("config overlay", () -> map.get("overlay"), () -> Future.succeededFuture(null));
        }).compose(existing -> existing == null || existing.isEmpty() ? Future.succeededFuture()
                : apply(existing, "joined the cluster").mapEmpty());
    }

    /** The effective config, secrets redacted. */
    public JsonObject redacted() {
        return ConfigRedactor.redact(effective.tree(), types());
    }

    /** The current overlay (what the admin API changed). */
    public JsonObject overlay() {
        return overlay.copy();
    }

    /**
     * Validates a change (a merge patch over the current overlay) and, when valid, applies it on
     * every node.
     *
     * @throws ApiException 400 naming the key path when the change is invalid
     */
    public Future<Void> change(JsonObject patch, String who) {
        JsonObject next = overlay.copy();
        MergePatch.apply(next, patch);
        try {
            closeSoon(build(base, next).table()); // throws when invalid: nothing applied
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        LOG.info(() -> "config change by " + who + ": " + patch.encode());
        JsonObject event = new JsonObject().put("overlay", next).put("by", who);
        Future<Void> stored = shared == null ? Future.succeededFuture() : guard.call("config overlay", () -> shared.put("overlay", next),
                () -> Future.failedFuture(new ApiException(503, "api_error", "cluster_unavailable", null, "the cluster did not store the change within "
                        + guard.timeoutMs() + " ms; nothing applied, try again", null, java.time.Duration.ofSeconds(1))));
        return stored.compose(v -> apply(next, who)).onSuccess(v -> vertx.eventBus().publish(ADDRESS, event)).mapEmpty();
    }

    /** Re-reads the config file on every node (each node reads its own). */
    public Future<Void> reloadEverywhere(String who) {
        return reload(who).onSuccess(v -> vertx.eventBus().publish(ADDRESS, new JsonObject().put("reload", true).put("by", who)));
    }

    /** Re-reads this node's config file; a bad file is rejected and nothing changes. */
    public Future<Void> reload(String who) {
        if (file == null) {
            return Future.failedFuture(ApiException.invalid(400, "no_config_file", "this node runs on the bundled default config: nothing to reload"));
        }
        return vertx.executeBlocking(() -> {
            JsonObject raw = ConfigLoader.readTree(file);
            raw.put("server", base.getJsonObject("server", new JsonObject()).copy()); // listening sockets stay as started
            build(raw, overlay).table().closePlugins(); // built to validate only
            return raw;
        }, false).recover(t -> Future.failedFuture(invalid(t))).compose(raw -> {
            base = raw;
            LOG.info(() -> "config reloaded from " + file + " by " + who);
            return apply(overlay, who);
        });
    }

    /** The effective config now. */
    public SwitchboardConfig effective() {
        return effective;
    }

    /** With {@code config.watch: true}: checks the file every {@code periodMs} and reloads this node when it changed. */
    public void watch(long periodMs) {
        if (file == null) {
            return;
        }
        long[] seen = new long[1];
        // the baseline is taken now, so an edit made before the first tick is still seen as a change
        vertx.executeBlocking(() -> lastModified(file), false).onSuccess(first -> {
            seen[0] = first;
            vertx.setPeriodic(periodMs, id -> vertx.executeBlocking(() -> lastModified(file), false).onSuccess(t -> {
                if (t != seen[0]) {
                    seen[0] = t;
                    reload("file watch").onFailure(e -> LOG.warning(() -> "config file changed but was not applied: " + e.getMessage()));
                }
            }));
        });
    }

    private Future<Void> apply(JsonObject nextOverlay, String who) {
        try {
            Built built = build(base, nextOverlay);
            overlay = nextOverlay;
            effective = built.config;
            RoutingTable previous = live.getAndSet(built.table); // atomic: changes may be applied from several event loops
            return service.reconfigure(built.table).onSuccess(t -> retire(previous)).mapEmpty();
        } catch (RuntimeException e) {
            LOG.warning(() -> "config change from " + who + " could not be applied here: " + e.getMessage());
            return Future.failedFuture(e);
        }
    }

    /**
     * Closes the routers and adapters of a table that was swapped out, once the requests that may still
     * use it had the drain period ({@code server.shutdown-timeout-ms}, what a graceful stop gives them).
     * In-flight requests are not counted per table: a request outliving the period uses closed plugins.
     */
    private void retire(RoutingTable previous) {
        retiring.put(previous, Boolean.TRUE);
        vertx.setTimer(Math.max(1, effective.server().shutdownTimeoutMs()), id -> {
            if (retiring.remove(previous) != null) {
                closeSoon(previous);
            }
        });
    }

    /** Closes a table's plugins on a worker thread (a plugin's close may block). */
    private void closeSoon(RoutingTable table) {
        vertx.executeBlocking(() -> {
            table.closePlugins();
            return null;
        }, false);
    }

    /**
     * At shutdown, once the in-flight requests drained: closes the routers and adapters of the live
     * table and of every table still waiting to be retired (blocking: call it off the event loop).
     */
    public void close() {
        List<RoutingTable> pending;
        synchronized (retiring) {
            pending = List.copyOf(retiring.keySet());
        }
        for (RoutingTable table : pending) {
            if (retiring.remove(table) != null) {
                table.closePlugins();
            }
        }
        live.get().closePlugins();
    }

    private void onChange(Message<JsonObject> msg) {
        JsonObject body = msg.body();
        if (body.getBoolean("reload", false)) {
            reload(body.getString("by", "cluster"));
        } else if (body.getValue("overlay") instanceof JsonObject && !body.getJsonObject("overlay").equals(overlay)) {
            apply(body.getJsonObject("overlay"), body.getString("by", "cluster"));
        }
    }

    private record Built(SwitchboardConfig config, RoutingTable table) {
    }

    private Built build(JsonObject raw, JsonObject over) {
        JsonObject tree = raw.copy();
        MergePatch.apply(tree, over);
        try {
            SwitchboardConfig config = ConfigLoader.fromTree(tree, types(), env);
            return new Built(config, RoutingTableBuilder.build(config, plugins));
        } catch (ConfigException e) {
            throw invalid(e);
        }
    }

    private PluginTypes types() {
        return plugins.types();
    }

    private static ApiException invalid(Throwable t) {
        if (t instanceof ApiException) {
            return (ApiException) t;
        }
        if (t instanceof ConfigException e) {
            JsonArray errors = new JsonArray();
            e.errors().forEach(err -> errors.add(new JsonObject().put("path", err.path()).put("message", err.message())));
            String first = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).toString();
            return new ApiException(400, "invalid_request_error", "invalid_config", e.errors().isEmpty() ? null : e.errors().get(0).path(),
                    "config change rejected, nothing applied: " + first
                            + (e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more)" : ""),
                    new JsonObject().put("errors", errors), null);
        }
        return ApiException.invalid(400, "invalid_config", "config change rejected, nothing applied: " + t.getMessage());
    }

    /** Whether the file changed since {@code lastModified} (blocking: call from a worker). */
    static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
