package dev.switchboard.config;

import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated configuration. Built by {@link ConfigLoader}; immutable.
 *
 * @param server     HTTP server settings
 * @param pluginsDir directory of extra plugin jars, or null
 * @param providers  provider id to provider, in config order
 * @param models     catalog model id to model, in config order
 * @param routes     route name to route, in config order
 * @param resilience timeouts, retries and breaker settings
 * @param resilienceOverrides {@code model:<id>} or {@code route:<name>} to that entry's {@code resilience} object
 * @param eventBus   event-bus addresses
 * @param cluster    cluster settings
 * @param logging    decision log settings
 * @param metrics    which Vert.x metric domains {@code /metrics} carries
 * @param auth       client and admin keys
 * @param responses  {@code responses.*}: the store of the Responses API
 * @param routing    {@code routing.*}: the worker pool of blocking routers and routing services
 * @param watch      {@code config.watch}: reload the file when it changes
 * @param tree       the interpolated config tree (contains secrets: redact before showing)
 * @param envRefs    key path to the environment variable it was read from
 * @param tracing    {@code tracing.*}: OpenTelemetry traces (the {@code OTEL_*} variables fill keys left unset)
 * @param feedback   {@code feedback.*}: how long and how many served requests can be rated ({@code POST /v1/feedback})
 */
public record SwitchboardConfig(
        Server server,
        String pluginsDir,
        Map<String, Provider> providers,
        Map<String, ModelDescriptor> models,
        Map<String, Route> routes,
        Resilience resilience,
        Map<String, JsonObject> resilienceOverrides,
        EventBus eventBus,
        Cluster cluster,
        Logging logging,
        Metrics metrics,
        Auth auth,
        ResponsesStore responses,
        Routing routing,
        boolean watch,
        JsonObject tree,
        Map<String, String> envRefs,
        Tracing tracing,
        Feedback feedback) {

    /**
     * {@code feedback.*}: the index of served requests that {@code POST /v1/feedback} rates.
     *
     * @param ttlMs           how long after it was served a request can be rated
     * @param maxEntries      the most served requests a node keeps in its own index (the oldest go first)
     * @param maxCommentChars the longest {@code comment} accepted
     */
    public record Feedback(long ttlMs, int maxEntries, int maxCommentChars) {
    }

    /**
     * {@code responses.*}: stored Responses API responses ({@code store: true}, {@code previous_response_id}).
     *
     * @param maxStored the most responses kept (cluster-wide); the oldest go first
     * @param ttlMs     how long a stored response lives
     */
    public record ResponsesStore(int maxStored, long ttlMs) {
    }

    /**
     * {@code server.*}.
     *
     * @param host                  bind address
     * @param port                  HTTP port (0 = any free port)
     * @param maxBodyBytes          larger request bodies get 413
     * @param instances             API verticles, one per event loop
     * @param shutdownTimeoutMs     grace period for in-flight requests on stop
     * @param streamWriteQueueBytes bytes queued for a streaming client before the upstream read pauses
     * @param headerTimeoutMs       a new connection must deliver its first request's headers within this
     * @param idleTimeoutMs         a keep-alive connection with no request in flight is closed after this
     * @param bodyTimeoutMs         a request body must arrive whole within this after its headers
     * @param maxConnections        open client connections per node; beyond it, 503 with Retry-After
     * @param maxEventLoopLagMs     {@code /health/ready} fails while an event loop lags more than this
     */
    public record Server(String host, int port, long maxBodyBytes, int instances, long shutdownTimeoutMs, int streamWriteQueueBytes,
                         long headerTimeoutMs, long idleTimeoutMs, long bodyTimeoutMs, int maxConnections, long maxEventLoopLagMs) {
    }

    /**
     * {@code providers.<id>}.
     *
     * @param id        provider id
     * @param type      adapter type (a plugin's {@code ProviderAdapterFactory#type()})
     * @param options   every option except {@code type}, interpolated
     * @param timeoutMs per-call timeout, or 0 for the resilience default
     */
    public record Provider(String id, String type, JsonObject options, long timeoutMs) {
    }

    /**
     * {@code routes.<name>}: a router id and its options.
     *
     * @param decisionTimeoutMs {@code decision-timeout-ms}: how long a blocking or asynchronous router may take
     *                          before the fallback decides ({@value #DEFAULT_DECISION_TIMEOUT_MS} when unset;
     *                          unused by pure routers)
     * @param fallbackRouter    {@code fallback-router}: the name of another route, or a router id, that decides
     *                          when this route's router fails, is late or names no known model; null for the
     *                          built-in default (the cheapest capable catalog models)
     * @param fallbackOptions   {@code fallback-options}: the options of a fallback router id (empty otherwise)
     * @param escalation        {@code escalation}: the poor-result signals that re-ask the next candidate, or null (off)
     */
    public record Route(String name, String router, JsonObject options, long decisionTimeoutMs, String fallbackRouter,
                        JsonObject fallbackOptions, Escalation escalation) {
        /** {@code decision-timeout-ms} when unset. */
        public static final long DEFAULT_DECISION_TIMEOUT_MS = 1000;

        /** A route with the default decision timeout and fallback. */
        public Route(String name, String router, JsonObject options) {
            this(name, router, options, DEFAULT_DECISION_TIMEOUT_MS, null, new JsonObject(), null);
        }

        /** A route without quality escalation. */
        public Route(String name, String router, JsonObject options, long decisionTimeoutMs, String fallbackRouter,
                     JsonObject fallbackOptions) {
            this(name, router, options, decisionTimeoutMs, fallbackRouter, fallbackOptions, null);
        }

        /** Whether {@link #fallbackRouter()} names another route (else a router id, or null for the default). */
        public boolean fallbackIsRoute(java.util.Set<String> routes) {
            return fallbackRouter != null && routes.contains(fallbackRouter);
        }
    }

    /**
     * {@code routes.<name>.escalation}: quality escalation. When an answer shows one of the {@code on}
     * signals, the engine re-asks a later candidate of the route ({@code to}), at most
     * {@code maxEscalations} times per request and never after the request's deadline.
     *
     * @param on             the signals that escalate, from {@link #SIGNALS}
     * @param minChars       {@code min-chars}: an answer cut by {@code finish_reason: length} with fewer
     *                       characters of content is {@value #TRUNCATED}
     * @param refusalPhrases {@code refusal-phrases}: lower-case openings of a refusal (default {@link #DEFAULT_REFUSAL_PHRASES})
     * @param maxEscalations {@code max-escalations}: re-asks per request, 1..{@value #MAX_ESCALATIONS}
     * @param to             {@code to}: which later candidate is asked, one of {@link #TARGETS}
     *                       ({@value #STRONGER} when unset)
     */
    public record Escalation(Set<String> on, int minChars, List<String> refusalPhrases, int maxEscalations, String to) {
        /** No content and no tool call. */
        public static final String EMPTY = "empty";
        /** {@code finish_reason: length} with fewer than {@code min-chars} characters of content. */
        public static final String TRUNCATED = "truncated";
        /** A tool call whose arguments are not JSON, miss a required field, or that names a tool not offered. */
        public static final String INVALID_TOOL_CALL = "invalid-tool-call";
        /** The content opens with a refusal phrase. */
        public static final String REFUSAL = "refusal";
        /** Every signal, in the order they are checked. */
        public static final List<String> SIGNALS = List.of(EMPTY, TRUNCATED, INVALID_TOOL_CALL, REFUSAL);
        /** {@code min-chars} when unset. */
        public static final int DEFAULT_MIN_CHARS = 200;
        /** {@code max-escalations} when unset. */
        public static final int DEFAULT_MAX_ESCALATIONS = 1;
        /** The largest {@code max-escalations}: each one is a whole extra call within the request's timeout. */
        public static final int MAX_ESCALATIONS = 5;
        /** {@code to}: the first later candidate that is stronger (pricier) than the poor model; the default. */
        public static final String STRONGER = "stronger";
        /** {@code to}: the next candidate in the route's order, whatever its price. */
        public static final String NEXT = "next";
        /** Every value of {@code to}. */
        public static final List<String> TARGETS = List.of(STRONGER, NEXT);
        /** The refusal openings used when {@code refusal-phrases} is unset (English). */
        public static final List<String> DEFAULT_REFUSAL_PHRASES = List.of("i'm sorry, but i can't", "i am sorry, but i can't",
                "i'm sorry, but i cannot", "i'm sorry, i can't", "i'm sorry, i cannot", "i am sorry, but i cannot",
                "sorry, but i can't", "sorry, i can't", "i can't help with", "i cannot help with", "i can't assist with",
                "i cannot assist with", "i'm unable to help", "i am unable to help", "i'm not able to help", "i won't be able to help",
                "as an ai language model, i cannot", "i apologize, but i cannot", "i apologize, but i can't");

        public Escalation {
            on = Set.copyOf(on);
            refusalPhrases = List.copyOf(refusalPhrases);
            if (!TARGETS.contains(to)) {
                throw new IllegalArgumentException("to must be one of " + TARGETS + ", got " + to);
            }
        }

        /** An escalation to the {@value #STRONGER} candidate. */
        public Escalation(Set<String> on, int minChars, List<String> refusalPhrases, int maxEscalations) {
            this(on, minChars, refusalPhrases, maxEscalations, STRONGER);
        }

        /** Whether {@code signal} escalates. */
        public boolean on(String signal) {
            return on.contains(signal);
        }
    }

    /**
     * {@code routing.*}: the bounded pool that runs blocking routers and {@code executeBlocking} of
     * asynchronous ones, off the event loops.
     *
     * @param workerPoolSize {@code worker-pool-size}: threads
     * @param workerQueue    {@code worker-queue}: calls that may wait for a thread; beyond it a call is
     *                       rejected at once (the route's fallback decides)
     */
    public record Routing(int workerPoolSize, int workerQueue) {
    }

    /** {@code resilience.*}. */
    public record Resilience(long requestTimeoutMs, long firstTokenTimeoutMs, long streamStallTimeoutMs,
                             int maxRetries, long maxRetryWaitMs, long retryBaseDelayMs, Breaker breaker) {
    }

    /** {@code resilience.breaker.*}. */
    public record Breaker(int failureThreshold, long resetTimeoutMs) {
    }

    /**
     * {@code auth.*}.
     *
     * @param adminKeySha256 SHA-256 (hex) of the admin key, or null (admin API only from loopback without a key)
     * @param keys           client keys; empty means anonymous access (loopback binds only)
     */
    public record Auth(String adminKeySha256, List<ApiKey> keys) {
    }

    /**
     * One client key of {@code auth.keys}.
     *
     * @param name            shown in logs, metrics and decisions
     * @param keySha256       SHA-256 (hex, lower case) of the key
     * @param allow           routes and models it may use; empty means all
     * @param budgetUsd       spend limit per period, or null
     * @param budgetPeriod    {@code day} or {@code month} (UTC)
     * @param rpm             requests per minute, 0 = unlimited
     * @param tpm             tokens per minute, 0 = unlimited
     * @param preferCheaperAt fraction of the budget after which routes prefer their cheapest candidates, or null
     */
    public record ApiKey(String name, String keySha256, List<String> allow, Double budgetUsd, String budgetPeriod,
                         int rpm, long tpm, Double preferCheaperAt) {
        /** The lower-case hex SHA-256 of a key: what {@code key-sha256} holds for it. */
        public static String sha256(String key) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }

    /**
     * {@code event-bus.*}.
     *
     * @param streamWindow       chunk messages a stream consumer may have unacknowledged before the upstream read pauses
     * @param streamAckTimeoutMs how long a chunk waits for its acknowledgement before the consumer counts as too slow
     * @param embeddingsAddress  the event-bus front door of embeddings
     * @param responsesAddress   the event-bus front door of the Responses API
     * @param feedbackAddress    the event-bus front door of feedback ({@code POST /v1/feedback})
     */
    public record EventBus(String address, String routeAddress, int streamWindow, long streamAckTimeoutMs, String embeddingsAddress,
                           String responsesAddress, String feedbackAddress) {
    }

    /**
     * {@code cluster.*}.
     *
     * @param opTimeoutMs             deadline of one shared-state operation on the request path
     * @param limitsOnTimeout         {@code local} or {@code fail-closed}: how rate limits and budgets
     *                                decide when the shared counters miss the deadline
     * @param heartbeatIntervalSeconds Hazelcast member heartbeat interval
     * @param maxNoHeartbeatSeconds   Hazelcast suspects a member silent for this long
     * @param kubernetes              {@code cluster.kubernetes.*} when {@code cluster.discovery: kubernetes}; null for
     *                                {@code tcp-ip} (join {@code members})
     */
    public record Cluster(boolean enabled, String name, String host, int port, List<String> members, long opTimeoutMs,
                          String limitsOnTimeout, int heartbeatIntervalSeconds, int maxNoHeartbeatSeconds,
                          dev.switchboard.spi.cluster.ClusterSettings.Kubernetes kubernetes) {
        /** {@code cluster.on-timeout.limits} values. */
        public static final List<String> LIMITS_ON_TIMEOUT = List.of("local", "fail-closed");

        /** Whether limits and budgets refuse requests while the shared counters do not answer. */
        public boolean limitsFailClosed() {
            return "fail-closed".equals(limitsOnTimeout);
        }
    }

    /**
     * {@code logging.*}: the decision log.
     *
     * @param decisionRingSize   decisions kept in memory for {@code GET /v1/decisions}
     * @param decisionsFile      JSON-lines file the decisions are appended to, or null for none
     * @param decisionsMaxBytes  size at which the file is rotated
     * @param decisionsMaxFiles  files kept, the active one included ({@code file}, {@code file.1}, ...)
     */
    public record Logging(int decisionRingSize, String decisionsFile, long decisionsMaxBytes, int decisionsMaxFiles) {
    }

    /**
     * {@code metrics.*}.
     *
     * @param vertx         the Vert.x metric domains reported (names from {@link #VERTX_DOMAINS}); Switchboard's
     *                      own {@code switchboard_*} meters and the JVM's are always there
     * @param maxKeyLabels  how many client key names get a {@code key} label of their own on the per-key
     *                      metrics ({@code max-key-labels}); keys seen after that are counted under {@code key="other"}
     */
    public record Metrics(java.util.Set<String> vertx, int maxKeyLabels) {
        /** The default of {@code metrics.max-key-labels}. */
        public static final int DEFAULT_MAX_KEY_LABELS = 100;
        /**
         * Every Vert.x domain: the first four are measured per request or per socket write (Vert.x
         * looks a meter up by its tags each time), the rest are not on the request path.
         */
        public static final List<String> VERTX_DOMAINS = List.of("http-server", "http-client", "net-server", "net-client",
                "event-bus", "pools", "verticles");
        /**
         * The default: the domains that cost nothing per request. The per-request ones took 10-25% of
         * the CPU per proxied request in the load benchmark, and {@code switchboard_request_duration_seconds}
         * and {@code switchboard_upstream_duration_seconds} cover the same ground per route and model.
         */
        public static final java.util.Set<String> DEFAULT_VERTX = java.util.Set.of("event-bus", "pools", "verticles");

        public Metrics {
            vertx = java.util.Set.copyOf(vertx);
            if (maxKeyLabels < 0) {
                throw new IllegalArgumentException("maxKeyLabels must be at least 0, got " + maxKeyLabels);
            }
        }

        /** The given Vert.x domains and the default key-label cap. */
        public Metrics(java.util.Set<String> vertx) {
            this(vertx, DEFAULT_MAX_KEY_LABELS);
        }
    }

    /**
     * {@code tracing.*}: OpenTelemetry spans exported over OTLP/HTTP. A key set in the file wins; a key
     * left unset takes the matching standard {@code OTEL_*} variable, then the default.
     *
     * @param enabled            whether spans are made and exported at all (off: no tracing code runs per request)
     * @param endpoint           the collector's OTLP/HTTP traces URL, e.g. {@code http://127.0.0.1:4318/v1/traces}
     * @param protocol           the OTLP transport, one of {@link #PROTOCOLS}
     * @param serviceName        the {@code service.name} resource attribute
     * @param sampleRatio        the share of new traces kept, 0 to 1; a caller's {@code traceparent} decides for its own trace
     * @param headers            headers sent to the collector (credentials: redacted in every dump)
     * @param exportTimeoutMs    how long one export may take before its spans count as failed
     * @param maxQueueSize       spans waiting for export; beyond it new spans are dropped (and counted)
     * @param maxExportBatchSize spans sent per export
     * @param scheduleDelayMs    the longest a finished span waits before its batch is sent
     */
    public record Tracing(boolean enabled, String endpoint, String protocol, String serviceName, double sampleRatio,
                          Map<String, String> headers, long exportTimeoutMs, int maxQueueSize, int maxExportBatchSize,
                          long scheduleDelayMs) {
        /** The protocols the bundled exporter speaks (gRPC would need OkHttp or grpc-java in the jar). */
        public static final List<String> PROTOCOLS = List.of("http/protobuf");
        /** Tracing off: the default. */
        public static final Tracing OFF = new Tracing(false, "http://localhost:4318/v1/traces", "http/protobuf", "switchboard", 1.0,
                Map.of(), 10_000, 2048, 512, 5_000);

        public Tracing {
            headers = Map.copyOf(headers);
        }

        /** Header values masked: they are credentials. */
        @Override
        public String toString() {
            return "Tracing[enabled=" + enabled + ", endpoint=" + endpoint + ", protocol=" + protocol + ", serviceName=" + serviceName
                    + ", sampleRatio=" + sampleRatio + ", headers=" + headers.keySet() + " (values redacted), exportTimeoutMs="
                    + exportTimeoutMs + ", maxQueueSize=" + maxQueueSize + ", maxExportBatchSize=" + maxExportBatchSize
                    + ", scheduleDelayMs=" + scheduleDelayMs + "]";
        }
    }

    /**
     * The resilience settings for an attempt on {@code model} within {@code route} (null for a direct
     * call): the global {@code resilience}, overridden by the route's, overridden by the model's.
     */
    public Resilience resilienceFor(String route, String model) {
        JsonObject merged = tree.getValue("resilience") instanceof JsonObject ? tree.getJsonObject("resilience").copy() : new JsonObject();
        merge(merged, route == null ? null : resilienceOverrides.get("route:" + route));
        merge(merged, model == null ? null : resilienceOverrides.get("model:" + model));
        return ConfigBinder.resilience(merged, new java.util.ArrayList<>());
    }

    private static void merge(JsonObject into, JsonObject over) {
        if (over == null) {
            return;
        }
        over.forEach(e -> {
            if (e.getValue() instanceof JsonObject && into.getValue(e.getKey()) instanceof JsonObject) {
                merge(into.getJsonObject(e.getKey()), (JsonObject) e.getValue());
            } else {
                into.put(e.getKey(), e.getValue());
            }
        });
    }

    /** The environment variable a provider option was read from, or null. */
    public String envVarOf(String providerId, String option) {
        return envRefs.get("providers." + providerId + "." + option);
    }
}
