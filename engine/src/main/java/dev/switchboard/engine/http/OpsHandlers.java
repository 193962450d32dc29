package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.metrics.ClusterStats;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.metrics.Observability;
import dev.switchboard.engine.pipeline.ChatService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics} (Prometheus text), {@code GET /v1/stats} ({@code scope=node}: this node;
 * {@code scope=cluster}: the sum of every live node) and {@code GET /v1/decisions}.
 */
final class OpsHandlers {
    /** Decisions answered when {@code limit} is absent (capped at the ring size). */
    static final int DEFAULT_DECISIONS = 100;

    private final ChatService service;
    private final Observability ops;
    private final ClusterStats cluster;

    OpsHandlers(ChatService service, Observability ops, ClusterStats cluster) {
        this.service = service;
        this.ops = ops;
        this.cluster = cluster;
    }

    void metrics(RoutingContext ctx) {
        // a scrape walks every series (JVM, Vert.x and ours): keep it off the event loop
        ctx.vertx().executeBlocking(ops::scrape, false).onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else if (!ctx.response().ended()) {
                ctx.response().putHeader("content-type", Observability.PROMETHEUS_CONTENT_TYPE).end(ar.result());
            }
        });
    }

    void stats(RoutingContext ctx) {
        String scope = ctx.request().getParam("scope", "node");
        if (!"node".equals(scope) && !"cluster".equals(scope)) {
            Responses.error(ctx, ApiException.badRequest("scope", "scope must be 'node' or 'cluster', got '" + scope + "'"));
            return;
        }
        if ("cluster".equals(scope)) {
            cluster.collect().onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(t -> Responses.error(ctx, t));
            return;
        }
        Responses.json(ctx, 200, ops.stats().snapshot(service.breakers(), service.table().catalog().keySet()));
    }

    void decisions(RoutingContext ctx) {
        int capacity = ops.decisions().capacity();
        String raw = ctx.request().getParam("limit");
        int limit;
        try {
            limit = raw == null ? Math.min(DEFAULT_DECISIONS, capacity) : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > capacity) {
            Responses.error(ctx, ApiException.badRequest("limit", "limit must be a whole number from 1 to " + capacity
                    + " (logging.decision-ring-size), got '" + raw + "'"));
            return;
        }
        JsonArray data = new JsonArray();
        ops.decisions().newest(limit).forEach(data::add);
        Responses.json(ctx, 200, new JsonObject().put("object", "list").put("data", data));
    }
}
