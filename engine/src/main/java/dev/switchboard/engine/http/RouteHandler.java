package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.spi.chat.ChatRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/route}: the routing decision for a chat request, calling no upstream. */
final class RouteHandler implements Handler<RoutingContext> {
    private final ChatService service;

    RouteHandler(ChatService service) {
        this.service = service;
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            service.gate().authenticate(ctx.request().headers());
            ChatRequest request = ChatCompletionsHandler.read(ctx);
            service.explain(request, ChatCompletionsHandler.metadata(ctx.request())).onComplete(
                    plan -> Responses.json(ctx, 200, plan.toJson()), e -> Responses.error(ctx, e));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
        }
    }
}
