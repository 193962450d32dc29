package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.health.Health;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live} (restart me when failing), {@code GET /health/ready} (send me traffic) and
 * {@code GET /health} (readiness with the node's details, as before the split). A failing check answers
 * 503 with the checks and an OpenAI-shaped {@code error}, so a client that reads it as an API answer
 * still finds the error it expects.
 */
final class HealthHandlers {
    private final Health health;
    private final InfoHandlers info;

    HealthHandlers(Health health, InfoHandlers info) {
        this.health = health;
        this.info = info;
    }

    void live(RoutingContext ctx) {
        Health.Report r = health.report();
        answer(ctx, r.live(), new JsonObject().put("status", r.live() ? "ok" : "failing").put("memory", r.checks().getValue("memory")),
                "node is not live: " + r.checks().getValue("memory") + "; restart it");
    }

    void ready(RoutingContext ctx) {
        Health.Report r = health.report();
        answer(ctx, r.ready(), new JsonObject().put("status", r.ready() ? "ok" : "unavailable").put("checks", r.checks()),
                "node is not ready: " + r.problems());
    }

    void details(RoutingContext ctx) {
        Health.Report r = health.report();
        JsonObject body = new JsonObject().put("status", r.ready() ? "ok" : "unavailable").put("checks", r.checks())
                .put("shared_state", health.sharedState()).mergeIn(info.details());
        answer(ctx, r.ready(), body, "node is not ready: " + r.problems());
    }

    private static void answer(RoutingContext ctx, boolean ok, JsonObject body, String problem) {
        if (!ok) {
            body.mergeIn(new ApiException(503, "server_error", "unavailable", null, problem, null, null).toJson());
        }
        Responses.json(ctx, ok ? 200 : 503, body);
    }
}
