package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.ChatService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /circuit-breakers}, {@code POST /circuit-breaker/reset/{model}},
 * {@code POST /circuit-breaker/reset-all}.
 */
final class BreakerHandlers {
    private final ChatService service;

    BreakerHandlers(ChatService service) {
        this.service = service;
    }

    void list(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("breakers", service.breakers().snapshot(service.table().catalog().keySet())));
    }

    void reset(RoutingContext ctx) {
        String model = ctx.pathParam("model");
        if (!service.table().catalog().containsKey(model)) {
            Responses.error(ctx, ApiException.invalid(404, "model_not_found", "model '" + model + "' is not in the catalog"));
            return;
        }
        service.breakers().reset(model, "reset by admin API from " + ctx.request().remoteAddress());
        Responses.json(ctx, 200, new JsonObject().put("model", model).put("state", "closed"));
    }

    void resetAll(RoutingContext ctx) {
        int n = service.breakers().resetAll("reset-all by admin API from " + ctx.request().remoteAddress());
        Responses.json(ctx, 200, new JsonObject().put("reset", n));
    }
}
