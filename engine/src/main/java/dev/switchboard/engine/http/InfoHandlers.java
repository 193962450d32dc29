package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.plugin.PluginRegistry;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.upstream.ProviderRuntime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/models}, {@code GET /v1/models/{id}} and the details of {@code GET /health}. */
final class InfoHandlers {
    private final ChatService service;
    private final PluginRegistry plugins;
    private final String version;
    private final java.util.function.Supplier<dev.switchboard.engine.tracing.TracingStats> tracing;
    private final long created = System.currentTimeMillis() / 1000;

    /** @param tracing the node's span counters, read per request */
    InfoHandlers(ChatService service, PluginRegistry plugins, String version,
                 java.util.function.Supplier<dev.switchboard.engine.tracing.TracingStats> tracing) {
        this.service = service;
        this.plugins = plugins;
        this.version = version;
        this.tracing = tracing;
    }

    /** OpenAI's model list: catalog models, then routes (marked with their router). */
    void models(RoutingContext ctx) {
        RoutingTable t = service.table();
        JsonArray data = new JsonArray();
        t.catalog().values().forEach(m -> data.add(model(m)));
        t.routes().values().forEach(r -> data.add(route(r)));
        Responses.json(ctx, 200, new JsonObject().put("object", "list").put("data", data));
    }

    /** {@code GET /v1/models/{id}}: one catalog model or route as in the list; 404 in OpenAI's error shape otherwise. */
    void model(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        RoutingTable t = service.table();
        ModelDescriptor m = t.catalog().get(id);
        RoutingTable.RouteRuntime r = m == null ? t.routes().get(id) : null;
        if (m == null && r == null) {
            Responses.error(ctx, new ApiException(404, "invalid_request_error", "model_not_found", "model",
                    "The model '" + id + "' does not exist: no catalog model or route has that id (GET /v1/models lists them)", null, null));
            return;
        }
        Responses.json(ctx, 200, m != null ? model(m) : route(r));
    }

    private JsonObject model(ModelDescriptor m) {
        return new JsonObject().put("id", m.id()).put("object", "model")
                .put("created", created).put("owned_by", m.provider())
                .put("context_window", m.contextWindow()).put("max_output_tokens", m.maxOutputTokens())
                .put("capabilities", new JsonArray(m.capabilities().stream().map(c -> c.configName()).sorted().toList()));
    }

    private JsonObject route(RoutingTable.RouteRuntime r) {
        return new JsonObject().put("id", r.name()).put("object", "model")
                .put("created", created).put("owned_by", "switchboard").put("router", r.routerId())
                .put("description", r.description());
    }

    /** {@code POST /v1/models/refresh}: re-runs provider model discovery, then lists the models. */
    void refresh(RoutingContext ctx) {
        service.refreshModels().onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else {
                models(ctx);
            }
        });
    }

    /** Liveness plus what is loaded. */
    /** What {@code GET /health} shows besides the checks: version, plugins, providers, catalog size. */
    JsonObject details() {
        RoutingTable t = service.table();
        JsonArray ps = new JsonArray();
        plugins.plugins().forEach(p -> ps.add(new JsonObject().put("name", p.name()).put("source", p.source()).put("spi-version", p.spiVersion())
                .put("routers", new JsonArray(p.routers())).put("providers", new JsonArray(p.providers()))));
        JsonArray providers = new JsonArray();
        for (ProviderRuntime p : t.providers().values()) {
            providers.add(p.toJson());
        }
        return new JsonObject().put("version", version).put("plugins", ps).put("providers", providers)
                .put("models", t.catalog().size()).put("routes", t.routes().size()).put("tracing", tracing.get().toJson());
    }
}
