package dev.switchboard.engine;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ConfigRedactor;
import dev.switchboard.config.PluginTypes;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.cluster.ClusterGuard;
import dev.switchboard.engine.metrics.ClusterStats;
import dev.switchboard.engine.cluster.NodeRegistry;
import dev.switchboard.engine.admin.ConfigAdmin;
import dev.switchboard.engine.auth.Gatekeeper;
import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.engine.auth.LimitEnforcer;
import dev.switchboard.engine.auth.SharedCounters;
import dev.switchboard.engine.feedback.FeedbackIndex;
import dev.switchboard.engine.feedback.FeedbackService;
import dev.switchboard.engine.health.FatalErrors;
import dev.switchboard.engine.health.Health;
import dev.switchboard.engine.http.ApiVerticle;
import dev.switchboard.engine.responses.ResponseStore;
import dev.switchboard.engine.http.ServerLimits;
import dev.switchboard.engine.http.ServerTransport;
import dev.switchboard.engine.metrics.FeedbackMetrics;
import dev.switchboard.engine.metrics.Observability;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.Planner;
import dev.switchboard.engine.pipeline.RequestObserver;
import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.pipeline.RoutingTableBuilder;
import dev.switchboard.engine.pipeline.TokenCounter;
import dev.switchboard.engine.plugin.PluginLoader;
import dev.switchboard.engine.plugin.PluginRegistry;
import dev.switchboard.engine.resilience.FallbackExecutor;
import dev.switchboard.engine.resilience.BreakerRegistry;
import dev.switchboard.engine.resilience.ResilienceResolver;
import dev.switchboard.engine.routing.RoutingEngine;
import dev.switchboard.engine.routing.RoutingWorkers;
import dev.switchboard.engine.routing.SharedRoutingCache;
import dev.switchboard.engine.tracing.Tracing;
import dev.switchboard.engine.pipeline.ModelDiscovery;
import dev.switchboard.engine.upstream.UpstreamClient;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A running Switchboard node. {@link #prepare} does the blocking work (config files, plugin jars)
 * and must run off the event loop; {@link Prepared#start()} deploys one API verticle per event loop.
 */
public final class Switchboard {
    private final Prepared prepared;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final int port;
    private final String deploymentId;
    private final Observability observability;
    private final ClusterStats cluster;
    private final UpstreamClient upstream;
    private final Health health;
    private final RoutingWorkers routingWorkers;
    private final ConfigAdmin admin;
    private final Tracing tracing;

    private Switchboard(Prepared prepared, Vertx vertx, boolean ownsVertx, int port, String deploymentId, Observability observability,
                        ClusterStats cluster, UpstreamClient upstream, Health health, ConfigAdmin admin, Tracing tracing,
                        RoutingWorkers routingWorkers) {
        this.routingWorkers = routingWorkers;
        this.admin = admin;
        this.tracing = tracing;
        this.upstream = upstream;
        this.health = health;
        this.observability = observability;
        this.cluster = cluster;
        this.prepared = prepared;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.port = port;
        this.deploymentId = deploymentId;
    }

    /**
     * Everything loaded and validated, nothing started.
     *
     * @param options  the start options
     * @param config   the validated config
     * @param plugins  the loaded plugins
     * @param table    the routing table
     * @param raw      the config tree as read (before interpolation), CLI overrides applied
     */
    public record Prepared(StartOptions options, SwitchboardConfig config, PluginRegistry plugins, RoutingTable table, JsonObject raw) {

        /** The effective config with every secret redacted. */
        public JsonObject redactedConfig() {
            return ConfigRedactor.redact(config.tree(), plugins.types());
        }

        /** Starts the node. */
        public Future<Switchboard> start() {
            boolean own = options.vertx() == null;
            // the BPE ranks load on a thread of their own while Vert.x (and Hazelcast) start
            java.util.concurrent.CompletableFuture<TokenCounter> tokens = TokenCounter.load();
            // built here, off any event loop: the SDK's classes load and its exporter thread starts (nothing when off)
            Tracing tracing = Tracing.create(config.tracing(), version());
            Observability observability;
            try {
                observability = Observability.create(config.logging(), config.metrics(), tracing);
            } catch (RuntimeException e) {
                tracing.close(); // its exporter thread must not outlive a failed start
                throw e;
            }
            SwitchboardConfig.Cluster cluster = config.cluster();
            Future<Vertx> vertxFuture;
            io.vertx.core.spi.cluster.ClusterManager manager;
            try {
                // Vert.x metrics only on a Vert.x of our own; single-node mode starts no Hazelcast at all
                manager = own && cluster.enabled() ? clusterManager(cluster) : null;
                // epoll where it loads (Linux); -Dswitchboard.transport=nio forces java.nio, e.g. to rule the native library out
                vertxFuture = own ? observability.newVertx(manager, cluster.host(),
                        ServerTransport.of(!"nio".equals(System.getProperty("switchboard.transport"))))
                        : Future.succeededFuture(options.vertx());
            } catch (RuntimeException e) {
                tracing.close();
                return Future.failedFuture(e);
            }
            return vertxFuture.compose(vertx -> Future.fromCompletionStage(tokens, vertx.getOrCreateContext())
                    .recover(t -> closing(vertx, own, observability, tracing, t))
                    .compose(counter -> startOn(vertx, own, observability, tracing, counter, new Health(FatalErrors.JVM, manager != null,
                            () -> manager.isActive(), config.server().maxEventLoopLagMs()))));
        }

        /** Releases what a failed start holds, then fails with {@code t}. */
        private static <T> Future<T> closing(Vertx vertx, boolean own, Observability observability, Tracing tracing, Throwable t) {
            observability.close();
            tracing.close();
            if (own) {
                vertx.close(); // completing on a closing Vert.x would lose the failure: report first
            }
            return Future.failedFuture(t);
        }

        private Future<Switchboard> startOn(Vertx vertx, boolean own, Observability observability, Tracing tracing, TokenCounter tokens,
                                            Health health) {
            watchFatalErrors(vertx);
            UpstreamClient upstream = new UpstreamClient(vertx);   // here, outside any verticle: the engine owns the pools
            ResilienceResolver resolver = new ResilienceResolver(config);
            ClusterGuard guard = ClusterGuard.create(vertx, config.cluster().opTimeoutMs());
            // one store per node, on the engine's guard: its deadline is cluster.op-timeout-ms like every other shared state
            ResponseStore store = new ResponseStore(vertx, config.responses().maxStored(), config.responses().ttlMs(), guard);
            health.sharedState(() -> new io.vertx.core.json.JsonObject().put("degraded", guard.degraded())
                    .put("local_decisions", guard.localDecisions()).put("timeouts", guard.timeouts()));
            BreakerRegistry breakers = new BreakerRegistry(vertx, model -> resolver.settings(null, model), guard);
            RoutingWorkers routingWorkers = RoutingWorkers.create(vertx, config.routing().workerPoolSize(), config.routing().workerQueue());
            Gatekeeper gate = new Gatekeeper(new KeyAuthenticator(config), new LimitEnforcer(new SharedCounters(vertx, guard, config.cluster().limitsFailClosed()),
                    name -> config.auth().keys().stream().filter(k -> k.name().equals(name)).findFirst().orElse(null)));
            java.util.List<RequestObserver> observers = new java.util.ArrayList<>(observability.observers());
            observers.add(gate.limits()); // usage and cost of every request count against its key
            FeedbackIndex feedbackIndex = new FeedbackIndex(vertx, guard, config.feedback().ttlMs(), config.feedback().maxEntries());
            observers.add(feedbackIndex); // every answered request, so that it can be rated
            ChatService service = new ChatService(table, new ChatService.Dependencies(new Planner(tokens, breakers),
                    new FallbackExecutor(vertx, upstream, resolver, breakers), breakers,
                    new RoutingEngine(vertx, routingWorkers, new SharedRoutingCache(vertx, guard), observability.stats()),
                    gate, tracing, t -> ModelDiscovery.discover(upstream, t), observers));
            observability.attach(service);
            FeedbackService feedback = feedback(feedbackIndex, gate, observability);
            ConfigAdmin admin = new ConfigAdmin(vertx, service, plugins, raw, config, options.configFile(), options.env());
            if (config.watch()) {
                admin.watch(2000);
            }
            SwitchboardConfig.Server s = config.server();
            java.util.List<ApiVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
            ServerLimits limits = new ServerLimits(s.headerTimeoutMs(), s.idleTimeoutMs(), s.bodyTimeoutMs(), s.maxConnections(),
                    new java.util.concurrent.atomic.AtomicInteger());
            // Instances share a listening socket only when they ask for the same port: resolve port 0 first.
            int port = s.port() == 0 ? freePort(s.host()) : s.port();
            return breakers.start().compose(v -> service.refreshModels())
                    .compose(t -> admin.start(guard))
                    .compose(t -> clusterStats(vertx, port, service, observability, guard)).compose(cluster -> vertx.deployVerticle(() -> {
                        ApiVerticle v = verticle(service, port, observability, cluster, admin, limits, health,
                                new Stores(store, feedback));
                        instances.add(v);
                        return v;
                    }, new DeploymentOptions().setInstances(s.instances()))
                    .map(id -> {
                        health.started();
                        return new Switchboard(this, vertx, own, instances.get(0).actualPort(), id, observability, cluster, upstream, health,
                                admin, tracing, routingWorkers);
                    })
                    .onFailure(t -> cluster.close()))
                    .recover(t -> closing(vertx, own, observability, tracing, t));
        }

        /** The node-wide services every API verticle shares. */
        private record Stores(ResponseStore responses, FeedbackService feedback) {
        }

        /** The feedback service over the index that the chat service tells of every answered request. */
        private FeedbackService feedback(FeedbackIndex index, Gatekeeper gate, Observability observability) {
            return new FeedbackService(index, observability.stats().feedback(), new FeedbackMetrics(observability.registry()),
                    config.feedback().maxCommentChars(), gate.keys());
        }

        /** This node in the live-node map, answering its stats for {@code /v1/stats?scope=cluster} (single node too). */
        private Future<ClusterStats> clusterStats(Vertx vertx, int port, ChatService service, Observability observability, ClusterGuard guard) {
            return NodeRegistry.start(vertx, new JsonObject().put("http_port", port), guard).compose(nodes -> ClusterStats.start(vertx, nodes,
                    () -> ClusterStats.report(nodes.id(), port, observability.stats(), service.breakers(), table.catalog().keySet())));
        }

        private static io.vertx.core.spi.cluster.ClusterManager clusterManager(SwitchboardConfig.Cluster c) {
            var factories = java.util.ServiceLoader.load(dev.switchboard.spi.cluster.ClusterManagerFactory.class).stream().toList();
            if (factories.isEmpty()) {
                throw new ConfigException("cluster.enabled", "cluster support is not on the class path (add switchboard-cluster)");
            }
            return factories.get(0).get().create(new dev.switchboard.spi.cluster.ClusterSettings(c.name(), c.host(), c.port(), c.members(),
                    c.heartbeatIntervalSeconds(), c.maxNoHeartbeatSeconds(), c.kubernetes()));
        }

        private static int freePort(String host) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("cannot find a free port on " + host, e);
            }
        }

        private ApiVerticle verticle(ChatService service, int port, Observability observability, ClusterStats cluster, ConfigAdmin admin,
                                     ServerLimits limits, Health health, Stores stores) {
            SwitchboardConfig.Server s = config.server();
            return new ApiVerticle(service, plugins, new ApiVerticle.Settings(s.host(), port, s.maxBodyBytes(),
                    s.shutdownTimeoutMs(), config.eventBus().address(), config.eventBus().routeAddress(), version(),
                    new ApiVerticle.Streams(s.streamWriteQueueBytes(), config.eventBus().streamWindow(), config.eventBus().streamAckTimeoutMs()),
                    new ApiVerticle.FrontDoors(config.eventBus().embeddingsAddress(), config.eventBus().responsesAddress(), stores.responses(),
                            config.eventBus().feedbackAddress(), stores.feedback())),
                    observability, cluster, admin, limits, health);
        }

        /** An OutOfMemoryError escaping a handler marks the node not live; other failures are logged as Vert.x would. */
        private static void watchFatalErrors(Vertx vertx) {
            io.vertx.core.Handler<Throwable> prior = vertx.exceptionHandler();
            vertx.exceptionHandler(t -> {
                FatalErrors.JVM.record(t);
                if (prior != null) {
                    prior.handle(t);
                } else {
                    java.util.logging.Logger.getLogger(Switchboard.class.getName()).log(java.util.logging.Level.SEVERE,
                            "unhandled exception on a Vert.x context", t);
                }
            });
        }
    }

    /**
     * Loads config and plugins and validates everything. Blocking.
     *
     * @throws ConfigException listing every config problem
     * @throws dev.switchboard.engine.plugin.PluginLoadException on a plugin problem
     */
    public static Prepared prepare(StartOptions options) {
        JsonObject raw = options.configFile() == null ? ConfigLoader.readDefault() : ConfigLoader.readTree(options.configFile());
        if (options.cluster()) {
            JsonObject cluster = raw.getValue("cluster") instanceof JsonObject ? raw.getJsonObject("cluster") : new JsonObject();
            raw.put("cluster", cluster.put("enabled", true));
        }
        if (options.port() != null) {
            JsonObject server = raw.getValue("server") instanceof JsonObject ? raw.getJsonObject("server") : new JsonObject();
            raw.put("server", server.put("port", options.port()));
        }
        PluginRegistry plugins = PluginLoader.load(pluginDir(options, raw));
        PluginTypes types = plugins.types();
        SwitchboardConfig config = ConfigLoader.fromTree(raw, types, options.env());
        return new Prepared(options, config, plugins, RoutingTableBuilder.build(config, plugins), raw.copy());
    }

    /** Prepares and starts; blocking part first. */
    public static Future<Switchboard> start(StartOptions options) {
        try {
            return prepare(options).start();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static Path pluginDir(StartOptions options, JsonObject raw) {
        if (options.pluginsDir() != null) {
            if (!Files.isDirectory(options.pluginsDir())) {
                throw new ConfigException("plugins.dir", "plugin directory " + options.pluginsDir() + " does not exist");
            }
            return options.pluginsDir();
        }
        JsonObject plugins = raw.getValue("plugins") instanceof JsonObject ? raw.getJsonObject("plugins") : null;
        String dir = plugins == null || plugins.getValue("dir") == null ? null : plugins.getValue("dir").toString();
        return dir == null ? null : Path.of(ConfigLoader.interpolate(dir, options.env()));
    }

    /** The Switchboard version from the build. */
    public static String version() {
        try (InputStream in = Switchboard.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** The HTTP port bound. */
    public int port() {
        return port;
    }

    /** The Vert.x instance it runs on. */
    public Vertx vertx() {
        return vertx;
    }

    /** The validated config. */
    public SwitchboardConfig config() {
        return prepared.config();
    }

    /** The loaded plugins. */
    public PluginRegistry plugins() {
        return prepared.plugins();
    }

    /**
     * Stops gracefully: readiness fails at once, every event loop's in-flight requests and streams finish
     * (bounded by {@code server.shutdown-timeout-ms}), then the upstream pools close, then the plugins
     * (routers and adapters, then their factories), then Vert.x.
     */
    public Future<Void> close() {
        health.draining();
        // Leave the live-node map first, so scope=cluster on the other nodes stops asking this one; then stop
        // from a thread outside Vert.x: a close() called on an event loop reports on that loop, which it has just shut.
        // The front doors drain before the upstream pools close: they serve the in-flight requests of every loop.
        Future<Void> stopped = Future.fromCompletionStage(cluster.close().otherwiseEmpty().toCompletionStage()
                .thenComposeAsync(v -> vertx.undeploy(deploymentId).otherwiseEmpty().toCompletionStage())
                .thenCompose(v -> upstream.close().otherwiseEmpty().toCompletionStage())
                .thenCompose(v -> routingWorkers.close().otherwiseEmpty().toCompletionStage()) // an embedding app's Vert.x keeps running
                .thenRunAsync(this::closePlugins) // off the event loop: a plugin's close may block
                .thenCompose(v -> (ownsVertx ? vertx.close() : Future.<Void>succeededFuture()).toCompletionStage()));
        // the decision file gets every decision of the drained requests; the collector every span of them
        return stopped.eventually(tracing::close).eventually(observability::close);
    }

    /** Closes every router and adapter still open, then the factories; a failing plugin is logged and skipped. */
    private void closePlugins() {
        admin.close();
        prepared.plugins().close();
    }
}
