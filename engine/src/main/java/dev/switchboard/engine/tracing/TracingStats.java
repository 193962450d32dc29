package dev.switchboard.engine.tracing;

import io.vertx.core.json.JsonObject;

/**
 * What became of the spans a node finished.
 *
 * @param enabled  whether tracing is on
 * @param exported spans the collector accepted
 * @param dropped  spans never sent because the export queue was full ({@code tracing.batch.max-queue-size}):
 *                 the collector is slow or down
 * @param failed   spans in exports that failed (collector unreachable, refused, or past {@code tracing.export-timeout-ms})
 */
public record TracingStats(boolean enabled, long exported, long dropped, long failed) {
    /** Tracing off. */
    public static final TracingStats OFF = new TracingStats(false, 0, 0, 0);

    /** The {@code tracing} object of {@code GET /health}. */
    public JsonObject toJson() {
        return new JsonObject().put("enabled", enabled).put("spans_exported", exported).put("spans_dropped", dropped)
                .put("spans_failed", failed);
    }
}
