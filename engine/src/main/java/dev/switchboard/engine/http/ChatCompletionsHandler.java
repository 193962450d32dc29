package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.ClientGone;
import dev.switchboard.engine.http.exchange.JsonBody;
import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.engine.pipeline.RequestMetadata;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.resilience.StreamHandle;
import dev.switchboard.spi.chat.ChatRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code POST /v1/chat/completions}: OpenAI Chat Completions, JSON or SSE. */
final class ChatCompletionsHandler implements Handler<RoutingContext> {
    private final ChatService service;
    private final int streamWriteQueueBytes;

    /**
     * @param service               the pipeline
     * @param streamWriteQueueBytes bytes queued for a streaming client before the upstream read pauses
     */
    ChatCompletionsHandler(ChatService service, int streamWriteQueueBytes) {
        this.service = service;
        this.streamWriteQueueBytes = streamWriteQueueBytes;
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
        Map<String, String> meta = metadata(ctx.request());
        ctx.response().putHeader(Responses.X_REQUEST_ID, meta.get(ChatService.REQUEST_ID));
        service.gate().admit(ctx.request().headers(), request, meta).onComplete(admitted -> {
            if (admitted.failed()) {
                Responses.error(ctx, admitted.cause());
            } else if (request.stream()) {
                stream(ctx, request, meta);
            } else {
                Cancellation cancellation = new Cancellation();
                ClientGone.watch(ctx.response(), () -> cancellation.cancel("the client closed the connection"));
                service.complete(request, meta, cancellation).onComplete(ar -> {
                    if (ar.failed()) {
                        Responses.error(ctx, ar.cause());
                    } else {
                        reply(ctx, ar.result());
                    }
                });
            }
        });
    }

    /** Checks the content type and parses the body; shared with {@code /v1/route}. */
    static ChatRequest read(RoutingContext ctx) {
        JsonBody.requireJsonType(ctx);
        return RequestBodies.parse(ctx.body().buffer());
    }

    static Map<String, String> metadata(HttpServerRequest request) {
        return RequestMetadata.from(request.headers());
    }

    private static void reply(RoutingContext ctx, ChatService.ChatResult result) {
        HttpServerResponse r = ctx.response();
        Responses.routingHeaders(r, result.plan(), result.served().model(), result.served().attempts());
        r.putHeader(Responses.X_COST, Responses.cost(result.cost()));
        Responses.json(ctx, 200, result.response().toBuffer());
    }

    private void stream(RoutingContext ctx, ChatRequest request, Map<String, String> meta) {
        StreamHandle run;
        try {
            run = service.stream(request, meta, plan -> new SseSink(ctx.response(), plan, streamWriteQueueBytes));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        run.started().onFailure(t -> Responses.error(ctx, t));
    }
}
