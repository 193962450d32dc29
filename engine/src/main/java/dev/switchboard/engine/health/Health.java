package dev.switchboard.engine.health;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness of one node. Live: no fatal error seen. Ready: live, started (plugins
 * loaded, every front door deployed), not draining, the cluster joined when clustered, and no event
 * loop lagging more than the threshold. Event loops report through {@link LoopProbe}s.
 */
public final class Health {
    private final FatalErrors fatal;
    private final BooleanSupplier clusterJoined;
    private final boolean clustered;
    private final long maxLagMs;
    private final Map<LoopProbe, Boolean> loops = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean draining;
    private volatile java.util.function.Supplier<JsonObject> sharedState = () -> new JsonObject().put("degraded", false);

    /**
     * @param fatal          where fatal errors are recorded
     * @param clustered      whether this node runs clustered
     * @param clusterJoined  whether it is a member right now (asked only when clustered; must not block)
     * @param maxLagMs       readiness fails while an event loop lags more than this
     */
    public Health(FatalErrors fatal, boolean clustered, BooleanSupplier clusterJoined, long maxLagMs) {
        this.fatal = fatal;
        this.clustered = clustered;
        this.clusterJoined = clusterJoined;
        this.maxLagMs = maxLagMs;
    }

    /** A probe for the event loop of the caller's context; {@link LoopProbe#start} it on that loop. */
    public LoopProbe probe() {
        LoopProbe p = new LoopProbe(Math.max(50, Math.min(500, maxLagMs / 4)), loops::remove);
        loops.put(p, Boolean.TRUE);
        return p;
    }

    /**
     * Where {@link #sharedState()} reads how the node's shared state (counters, breakers) is doing:
     * informational, never a readiness failure (a frozen member degrades every healthy node alike,
     * and taking them all out of the balancer would turn a partial failure into an outage).
     */
    public void sharedState(java.util.function.Supplier<JsonObject> state) {
        this.sharedState = state;
    }

    /** {@code {"degraded": bool, ...}}: whether shared state is decided locally right now. */
    public JsonObject sharedState() {
        return sharedState.get();
    }

    /** Every front door is up: the node may take traffic. */
    public void started() {
        started = true;
    }

    /** Stopping: the load balancer should send no new requests while in-flight ones finish. */
    public void draining() {
        draining = true;
    }

    /** No fatal error seen: the process can go on. */
    public boolean live() {
        return fatal.first() == null;
    }

    /** The readiness checks, each {@code "ok"} or what is wrong; {@code ready} says whether all pass. */
    public Report report() {
        JsonObject checks = new JsonObject();
        String error = fatal.first();
        checks.put("memory", error == null ? "ok" : error);
        checks.put("started", started ? "ok" : "starting: plugins and front doors not all up yet");
        checks.put("draining", draining ? "shutting down: in-flight requests are finishing" : "ok");
        checks.put("cluster", !clustered ? "disabled" : clusterJoined.getAsBoolean() ? "ok" : "not a cluster member");
        long worst = 0;
        for (LoopProbe p : loops.keySet()) {
            worst = Math.max(worst, p.lagMs());
        }
        checks.put("event_loops", worst <= maxLagMs ? "ok" : "an event loop has been blocked for " + worst + " ms (limit "
                + maxLagMs + " ms, server.max-event-loop-lag-ms)");
        boolean ready = checks.stream().allMatch(e -> "ok".equals(e.getValue()) || "disabled".equals(e.getValue()));
        return new Report(ready, live(), checks);
    }

    /**
     * @param ready  every check passes
     * @param live   no fatal error
     * @param checks check name to {@code ok}, {@code disabled} or the problem
     */
    public record Report(boolean ready, boolean live, JsonObject checks) {
        /** The problems, joined for an error message. */
        public String problems() {
            StringBuilder sb = new StringBuilder();
            checks.forEach(e -> {
                if (!"ok".equals(e.getValue()) && !"disabled".equals(e.getValue())) {
                    sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue());
                }
            });
            return sb.toString();
        }
    }
}
