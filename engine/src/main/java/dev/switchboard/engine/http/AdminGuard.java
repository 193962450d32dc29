package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.pipeline.ChatService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Lets only admin callers through to the admin API (breakers, config, stats, decisions). */
final class AdminGuard implements Handler<RoutingContext> {
    private final ChatService service;

    AdminGuard(ChatService service) {
        this.service = service;
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            var remote = ctx.request().remoteAddress();
            boolean loopback = remote != null && remote.hostAddress() != null
                    && (remote.hostAddress().startsWith("127.") || "0:0:0:0:0:0:0:1".equals(remote.hostAddress()) || "::1".equals(remote.hostAddress()));
            service.gate().admin(ctx.request().headers(), loopback);
            ctx.next();
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
        }
    }
}
