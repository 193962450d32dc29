package dev.switchboard.engine.metrics;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestObserver;
import dev.switchboard.engine.tracing.Tracing;
import dev.switchboard.engine.tracing.TracingMetrics;
import dev.switchboard.engine.tracing.TracingStats;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A node's metrics, stats and decision log: one Prometheus registry (Switchboard's meters, Vert.x
 * and JVM metrics) and the observers that feed {@code /metrics}, {@code /v1/stats} and
 * {@code /v1/decisions}. Create it before Vert.x so Vert.x can report into the same registry.
 */
public final class Observability {
    /** Content type of {@code GET /metrics}: Prometheus text format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsObserver metrics;
    private final StatsObserver stats = new StatsObserver();
    private final DecisionLog decisions;
    private ChatService service;
    private final Tracing tracing;

    private final java.util.Set<String> vertxDomains;

    private Observability(SwitchboardConfig.Logging logging, SwitchboardConfig.Metrics metricsConfig, Tracing tracing) {
        this.tracing = tracing;
        this.vertxDomains = metricsConfig.vertx();
        this.metrics = new MetricsObserver(registry, metricsConfig.maxKeyLabels());
        // GC counts and times read when scraped: Micrometer's JvmGcMetrics listens to JMX GC notifications,
        // which build composite data on a JVM thread after every young GC (0.6 ms each here, on the core
        // the event loop runs on, right after the pause: the slowest requests got slower still)
        for (MeterBinder b : List.of(new JvmMemoryMetrics(), new GcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics())) {
            b.bindTo(registry);
        }
        // the writer thread opens the file itself: nothing here touches the disk
        DecisionFileWriter file = logging.decisionsFile() == null ? null
                : DecisionFileWriter.start(Path.of(logging.decisionsFile()), logging.decisionsMaxBytes(), logging.decisionsMaxFiles());
        decisions = new DecisionLog(logging.decisionRingSize(), file);
        metrics.trackDroppedDecisions(decisions::dropped);
    }

    /**
     * Creates the registry, the JVM binders and the decision log (its file writer thread when configured).
     *
     * @param tracing the node's tracing: its span counters are metrics, its stats shown by {@link #tracingStats()}
     */
    public static Observability create(SwitchboardConfig.Logging logging, SwitchboardConfig.Metrics metrics, Tracing tracing) {
        Observability o = new Observability(logging, metrics, tracing);
        TracingMetrics.register(o.registry, tracing);
        return o;
    }

    /** Spans exported, dropped and failed so far. */
    public TracingStats tracingStats() {
        return tracing.stats();
    }

    /** The Vert.x categories of the domains not in {@code metrics.vertx}. */
    static java.util.Set<String> disabledCategories(java.util.Set<String> enabled) {
        java.util.Set<String> off = new java.util.HashSet<>();
        for (String d : SwitchboardConfig.Metrics.VERTX_DOMAINS) {
            if (!enabled.contains(d)) {
                MetricsDomain domain = switch (d) {
                    case "http-server" -> MetricsDomain.HTTP_SERVER;
                    case "http-client" -> MetricsDomain.HTTP_CLIENT;
                    case "net-server" -> MetricsDomain.NET_SERVER;
                    case "net-client" -> MetricsDomain.NET_CLIENT;
                    case "event-bus" -> MetricsDomain.EVENT_BUS;
                    case "pools" -> MetricsDomain.NAMED_POOLS;
                    case "verticles" -> MetricsDomain.VERTICLES;
                    default -> throw new IllegalArgumentException("unknown Vert.x metric domain " + d);
                };
                off.add(domain.toCategory());
            }
        }
        return off;
    }

    /**
     * A Vert.x that reports its metrics (HTTP server and client, event bus, pools) into this
     * registry; clustered when a cluster manager is given.
     *
     * @param cluster     the cluster manager, or null for a single node (no cluster started)
     * @param clusterHost the address the event bus binds and announces when clustered
     * @param transport   the network transport (the HTTP server's, which chooses epoll or java.nio)
     */
    public io.vertx.core.Future<Vertx> newVertx(io.vertx.core.spi.cluster.ClusterManager cluster, String clusterHost,
                                                io.vertx.core.transport.Transport transport) {
        VertxGaugeReRegistrations.install();
        // a registry name of our own: Vert.x keys its backends by name, and tests run several nodes in one JVM
        MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
                .setRegistryName("switchboard-" + UUID.randomUUID());
        options.setDisabledMetricsCategories(disabledCategories(vertxDomains));
        VertxOptions vertxOptions = new VertxOptions().setMetricsOptions(options);
        var builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry)).withTransport(transport);
        if (cluster == null) {
            return io.vertx.core.Future.succeededFuture(builder.with(vertxOptions).build());
        }
        vertxOptions.getEventBusOptions().setHost(clusterHost).setClusterPublicHost(clusterHost).setPort(0);
        return builder.with(vertxOptions).withClusterManager(cluster).buildClustered();
    }

    /** The observers the pipeline tells about every request: metrics, stats, the decision log. */
    public List<RequestObserver> observers() {
        return List.of(metrics, stats, decisions);
    }

    /** The service whose breakers and catalog each {@link #scrape()} reports. */
    public void attach(ChatService service) {
        this.service = service;
    }

    /** The Prometheus text of every meter (blocking-free, but O(series): call it off the event loop). */
    public String scrape() {
        if (service != null) {
            metrics.trackBreakers(service.breakers(), service.table().catalog().keySet());
        }
        return registry.scrape();
    }

    /** The registry ({@code GET /metrics}). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The stats ({@code GET /v1/stats}). */
    public StatsObserver stats() {
        return stats;
    }

    /** The decision ring ({@code GET /v1/decisions}). */
    public DecisionLog decisions() {
        return decisions;
    }

    /** Stops the decision file writer (after it wrote what was queued) and releases the binders. */
    public Future<Void> close() {
        decisions.close();
        registry.close();
        return decisions.finished();
    }
}
