package dev.switchboard.engine.http;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.StreamRun;
import dev.switchboard.spi.chat.ChatRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/** {@code POST /v1/chat/completions}: OpenAI Chat Completions, JSON or SSE. */
final class ChatCompletionsHandler implements Handler<RoutingContext> {
    private final ChatService service;

    ChatCompletionsHandler(ChatService service) {
        this.service = service;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ChatRequest request;
        try {
            request = read(ctx);
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        if (request.stream()) {
            stream(ctx, request);
        } else {
            service.complete(request, metadata(ctx.request())).onComplete(ar -> {
                if (ar.failed()) {
                    Responses.error(ctx, ar.cause());
                } else {
                    reply(ctx, ar.result());
                }
            });
        }
    }

    /** Checks the content type and parses the body; shared with {@code /v1/route}. */
    static ChatRequest read(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw ApiException.invalid(415, "unsupported_media_type", "send the request as JSON with header 'Content-Type: application/json' (got "
                    + (type == null ? "none" : "'" + type + "'") + ")");
        }
        return RequestBodies.parse(ctx.body().buffer());
    }

    static Map<String, String> metadata(HttpServerRequest request) {
        Map<String, String> meta = new HashMap<>();
        request.headers().forEach(e -> meta.putIfAbsent(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
        meta.remove("authorization");
        return meta;
    }

    private static void reply(RoutingContext ctx, ChatService.ChatResult result) {
        HttpServerResponse r = ctx.response();
        Responses.routingHeaders(r, result.plan(), result.served().model(), result.served().attempts());
        r.putHeader("x-switchboard-cost-usd", Responses.cost(result.cost()));
        Responses.json(ctx, 200, result.response().toJson());
    }

    private void stream(RoutingContext ctx, ChatRequest request) {
        RoutePlan plan;
        try {
            plan = service.plan(request, metadata(ctx.request()));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        StreamRun run = service.stream(request, plan, new SseSink(ctx.response(), plan));
        ctx.response().closeHandler(v -> run.cancel());
        run.started().onFailure(t -> Responses.error(ctx, t));
    }
}
