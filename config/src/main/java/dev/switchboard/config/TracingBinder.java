package dev.switchboard.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds {@code tracing.*}. A key set in the file wins; a key left unset takes the first standard
 * {@code OTEL_*} variable that is set (named in any error it causes), then the default. Tracing is on
 * when {@code tracing.enabled} says so or, with it unset, when the environment asks for OTLP traces
 * ({@code OTEL_TRACES_EXPORTER=otlp} or an OTLP endpoint variable) and {@code OTEL_SDK_DISABLED} is not true.
 */
final class TracingBinder {
    private static final SwitchboardConfig.Tracing D = SwitchboardConfig.Tracing.OFF;
    private static final String TRACES_PATH = "v1/traces";

    private final Node n;
    private final List<ConfigError> errors;
    private final Function<String, String> env;

    TracingBinder(Node n, List<ConfigError> errors, Function<String, String> env) {
        this.n = n;
        this.errors = errors;
        this.env = env;
    }

    SwitchboardConfig.Tracing bind() {
        n.allowOnly(Set.of("enabled", "endpoint", "protocol", "service-name", "sample-ratio", "headers", "export-timeout-ms", "batch"));
        Node batch = n.child("batch");
        batch.allowOnly(Set.of("max-queue-size", "max-export-batch-size", "schedule-delay-ms"));
        int queue = (int) read(batch, "max-queue-size", "OTEL_BSP_MAX_QUEUE_SIZE").number("max-queue-size", D.maxQueueSize(), 1, 1_000_000);
        Node batchSizeFrom = read(batch, "max-export-batch-size", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE");
        int batchSize = (int) batchSizeFrom.number("max-export-batch-size", Math.min(D.maxExportBatchSize(), queue), 1, 1_000_000);
        if (batchSize > queue) {
            batchSizeFrom.error("max-export-batch-size", "must not exceed max-queue-size (" + queue + "), got " + batchSize);
        }
        return new SwitchboardConfig.Tracing(enabled(), endpoint(), protocol(), serviceName(), sampleRatio(), headers(),
                read(n, "export-timeout-ms", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT")
                        .number("export-timeout-ms", D.exportTimeoutMs(), 1, 600_000),
                queue, Math.min(batchSize, queue),
                read(batch, "schedule-delay-ms", "OTEL_BSP_SCHEDULE_DELAY").number("schedule-delay-ms", D.scheduleDelayMs(), 1, 600_000));
    }

    private boolean enabled() {
        if (n.json().getValue("enabled") != null) {
            return n.bool("enabled", false);
        }
        if ("true".equalsIgnoreCase(value("OTEL_SDK_DISABLED"))) {
            return false;
        }
        String exporter = value("OTEL_TRACES_EXPORTER");
        if (exporter != null) {
            return List.of(exporter.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("otlp");
        }
        return value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null || value("OTEL_EXPORTER_OTLP_ENDPOINT") != null;
    }

    private String endpoint() {
        String url;
        Node from;
        String base = value("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (n.json().getValue("endpoint") == null && value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == null && base != null) {
            // the general variable names the collector; the signal's path is added to it (OTLP exporter spec)
            from = fromEnv("endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", base.endsWith("/") ? base + TRACES_PATH : base + "/" + TRACES_PATH);
        } else {
            from = read(n, "endpoint", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        }
        url = from.string("endpoint", D.endpoint());
        try {
            URI u = URI.create(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        from.error("endpoint", "must be the http(s) URL of the collector's OTLP/HTTP traces endpoint, e.g. "
                + "http://otel-collector:4318/v1/traces, got '" + url + "'");
        return D.endpoint();
    }

    private String protocol() {
        Node from = read(n, "protocol", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
        String protocol = from.string("protocol", D.protocol());
        if (SwitchboardConfig.Tracing.PROTOCOLS.contains(protocol)) {
            return protocol;
        }
        from.error("protocol", "grpc".equals(protocol)
                ? "grpc is not bundled (the exporter uses the JDK's HTTP client): use http/protobuf and the collector's OTLP/HTTP port (4318)"
                : "unknown protocol '" + protocol + "': use " + String.join(" or ", SwitchboardConfig.Tracing.PROTOCOLS));
        return D.protocol();
    }

    private String serviceName() {
        String fromResource = resourceAttribute("service.name");
        Node from = n.json().getValue("service-name") == null && value("OTEL_SERVICE_NAME") == null && fromResource != null
                ? fromEnv("service-name", "OTEL_RESOURCE_ATTRIBUTES", fromResource) : read(n, "service-name", "OTEL_SERVICE_NAME");
        String name = from.string("service-name", D.serviceName());
        if (name.isBlank()) {
            from.error("service-name", "must not be blank (it is the service.name traces are filed under)");
            return D.serviceName();
        }
        return name;
    }

    private double sampleRatio() {
        Node from = n;
        if (n.json().getValue("sample-ratio") == null) {
            String sampler = value("OTEL_TRACES_SAMPLER");
            String s = sampler == null ? "" : sampler.toLowerCase(Locale.ROOT);
            if (s.endsWith("always_on")) {
                return 1.0;
            }
            if (s.endsWith("always_off")) {
                return 0.0;
            }
            from = s.endsWith("traceidratio") ? read(n, "sample-ratio", "OTEL_TRACES_SAMPLER_ARG") : n;
        }
        Double ratio = from.decimal("sample-ratio", 0);
        if (ratio != null && ratio > 1) {
            from.error("sample-ratio", "is the share of traces kept, between 0 and 1, got " + ratio);
            return D.sampleRatio();
        }
        return ratio == null ? D.sampleRatio() : ratio;
    }

    private Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        Object v = n.json().getValue("headers");
        if (v == null) {
            String var = value("OTEL_EXPORTER_OTLP_TRACES_HEADERS") != null ? "OTEL_EXPORTER_OTLP_TRACES_HEADERS" : "OTEL_EXPORTER_OTLP_HEADERS";
            String list = value(var);
            return list == null ? out : parseHeaderList(var, list);
        }
        if (!(v instanceof JsonObject)) {
            n.error("headers", "must be an object of header name to value, got " + Node.describe(v));
            return out;
        }
        JsonObject h = (JsonObject) v;
        for (String name : h.fieldNames()) {
            Object value = h.getValue(name);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                out.put(name, value.toString());
            } else {
                n.error("headers." + name, "must be a string"); // the value is a credential: not echoed
            }
        }
        return out;
    }

    /** {@code key1=value1,key2=value2} with URL-encoded values, as the OTLP exporter spec writes them. */
    private Map<String, String> parseHeaderList(String var, String list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : list.split(",")) {
            int eq = pair.indexOf('=');
            if (pair.isBlank()) {
                continue;
            }
            if (eq <= 0) {
                errors.add(new ConfigError(n.path("headers"), "must be key=value pairs separated by commas (from " + var + ")"));
                return Map.of();
            }
            out.put(pair.substring(0, eq).trim(), URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** {@code key} of {@code OTEL_RESOURCE_ATTRIBUTES} ({@code k=v,k2=v2}), or null. */
    private String resourceAttribute(String key) {
        String list = value("OTEL_RESOURCE_ATTRIBUTES");
        if (list == null) {
            return null;
        }
        for (String pair : list.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(key)) {
                return URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * Where {@code key} of {@code node} is read from: the file when it sets the key, else the first of
     * {@code vars} that is set, else the file's node (so the default applies).
     */
    private Node read(Node node, String key, String... vars) {
        if (node.json().getValue(key) != null) {
            return node;
        }
        for (String var : vars) {
            String v = value(var);
            if (v != null) {
                return fromEnv(node, key, var, v);
            }
        }
        return node;
    }

    private Node fromEnv(String key, String var, String value) {
        return fromEnv(n, key, var, value);
    }

    /** A node holding only {@code key = value}, whose errors name the key's path and the variable it came from. */
    private Node fromEnv(Node node, String key, String var, String value) {
        String at = node.path(key);
        List<ConfigError> sink = new ArrayList<>() {
            @Override
            public boolean add(ConfigError e) {
                return errors.add(new ConfigError(at, e.message() + " (from " + var + ")"));
            }
        };
        String parent = at.substring(0, at.length() - key.length() - 1);
        return new Node(new JsonObject().put(key, value), parent, sink);
    }

    /** An environment variable's trimmed value, or null when unset or blank. */
    private String value(String var) {
        String v = env.apply(var);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
