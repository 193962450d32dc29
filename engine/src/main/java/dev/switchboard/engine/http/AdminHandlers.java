package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.admin.ConfigAdmin;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.upstream.ProviderRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The config part of the admin API: {@code GET /config}, {@code POST /config/category},
 * {@code POST /config/model-mapping}, {@code DELETE /config/category/{name}}, {@code GET /providers},
 * {@code POST /config/reload}. Behind {@link AdminGuard}.
 */
final class AdminHandlers {
    private final ChatService service;
    private final ConfigAdmin admin;

    AdminHandlers(ChatService service, ConfigAdmin admin) {
        this.service = service;
        this.admin = admin;
    }

    void config(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("config", admin.redacted()).put("overlay", admin.overlay()));
    }

    void providers(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        for (ProviderRuntime p : service.table().providers().values()) {
            long models = service.table().catalog().values().stream().filter(m -> m.provider().equals(p.id())).count();
            out.add(p.toJson().put("models", models));
        }
        Responses.json(ctx, 200, new JsonObject().put("providers", out));
    }

    /** {@code {route?, name, keywords?, patterns?, models}}: adds or replaces a keyword category. */
    void putCategory(RoutingContext ctx) {
        withBody(ctx, body -> {
            String route = route(body, "keyword");
            String name = required(body, "name");
            JsonObject category = new JsonObject().put("models", list(body, "models", true));
            for (String k : List.of("keywords", "patterns")) {
                if (body.getValue(k) != null) {
                    category.put(k, list(body, k, false));
                }
            }
            return patch(route, new JsonObject().put("categories", new JsonObject().put(name, category)));
        }, ctx);
    }

    /** {@code {route?, category | tier, models}}: sets a keyword category's or a complexity tier's chain. */
    void putMapping(RoutingContext ctx) {
        withBody(ctx, body -> {
            JsonArray models = list(body, "models", true);
            if (body.getValue("tier") != null) {
                String route = route(body, "complexity");
                return patch(route, new JsonObject().put("tiers", new JsonObject().put(required(body, "tier"), models)));
            }
            String route = route(body, "keyword");
            return patch(route, new JsonObject().put("categories", new JsonObject().put(required(body, "category"),
                    new JsonObject().put("models", models))));
        }, ctx);
    }

    void deleteCategory(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        JsonObject body = new JsonObject();
        if (ctx.request().getParam("route") != null) {
            body.put("route", ctx.request().getParam("route"));
        }
        try {
            String route = route(body, "keyword");
            JsonObject options = admin.effective().routes().get(route).options();
            JsonObject categories = options.getValue("categories") instanceof JsonObject ? options.getJsonObject("categories") : new JsonObject();
            if (!categories.containsKey(name)) {
                throw ApiException.invalid(404, "not_found", "route '" + route + "' has no category '" + name + "' (has: "
                        + String.join(", ", categories.fieldNames()) + ")");
            }
            JsonObject patch = patch(route, new JsonObject().put("categories", new JsonObject().putNull(name)));
            done(ctx, admin.change(patch, who(ctx)));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
        }
    }

    void reload(RoutingContext ctx) {
        done(ctx, admin.reloadEverywhere(who(ctx)));
    }

    private void withBody(RoutingContext ctx, java.util.function.Function<JsonObject, JsonObject> toPatch, RoutingContext c) {
        try {
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                throw ApiException.badRequest(null, "body must be a JSON object");
            }
            if (body == null) {
                throw ApiException.badRequest(null, "body must be a JSON object");
            }
            done(ctx, admin.change(toPatch.apply(body), who(ctx)));
        } catch (RuntimeException e) {
            Responses.error(c, e);
        }
    }

    private void done(RoutingContext ctx, Future<Void> change) {
        change.onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else {
                Responses.json(ctx, 200, new JsonObject().put("status", "applied").put("overlay", admin.overlay()));
            }
        });
    }

    private static JsonObject patch(String route, JsonObject options) {
        return new JsonObject().put("routes", new JsonObject().put(route, new JsonObject().put("options", options)));
    }

    /** The named route (or the only route of that router), checked to use {@code router}. */
    private String route(JsonObject body, String router) {
        var routes = admin.effective().routes();
        String name = body.getValue("route") instanceof String ? body.getString("route") : null;
        if (name == null) {
            List<String> candidates = routes.values().stream().filter(r -> r.router().equals(router)).map(r -> r.name()).toList();
            if (candidates.size() != 1) {
                throw ApiException.badRequest("route", "name the route: " + (candidates.isEmpty()
                        ? "no route uses the " + router + " router" : "routes using the " + router + " router: " + String.join(", ", candidates)));
            }
            return candidates.get(0);
        }
        if (!routes.containsKey(name)) {
            throw ApiException.invalid(404, "not_found", "no route '" + name + "' (routes: " + String.join(", ", routes.keySet()) + ")");
        }
        if (!routes.get(name).router().equals(router)) {
            throw ApiException.badRequest("route", "route '" + name + "' uses the " + routes.get(name).router() + " router, not " + router);
        }
        return name;
    }

    private static String required(JsonObject body, String key) {
        Object v = body.getValue(key);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw ApiException.badRequest(key, "'" + key + "' is required (a non-empty string)");
        }
        return (String) v;
    }

    private static JsonArray list(JsonObject body, String key, boolean required) {
        Object v = body.getValue(key);
        if (v == null && !required) {
            return new JsonArray();
        }
        if (!(v instanceof JsonArray) || ((JsonArray) v).isEmpty()) {
            throw ApiException.badRequest(key, "'" + key + "' must be a non-empty list of strings");
        }
        return (JsonArray) v;
    }

    private static String who(RoutingContext ctx) {
        return "admin@" + ctx.request().remoteAddress();
    }
}
