package dev.switchboard.engine.http.responses;

import dev.switchboard.engine.http.exchange.JsonBody;
import dev.switchboard.engine.http.exchange.ClientGone;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestMetadata;
import dev.switchboard.engine.resilience.StreamHandle;
import dev.switchboard.engine.responses.ResponsesRequest;
import dev.switchboard.engine.responses.ResponsesService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code POST /v1/responses}, {@code GET /v1/responses/{id}}, {@code DELETE /v1/responses/{id}}: OpenAI's Responses API. */
public final class ResponsesHandler {
    private static final String EXAMPLE = "{\"model\": \"gpt-4o-mini\", \"input\": \"Hello\"}";
    private final ResponsesService responses;
    private final int streamWriteQueueBytes;

    /** @param streamWriteQueueBytes bytes queued for a streaming client before the upstream read pauses */
    public ResponsesHandler(ResponsesService responses, int streamWriteQueueBytes) {
        this.responses = responses;
        this.streamWriteQueueBytes = streamWriteQueueBytes;
    }

    /** {@code POST /v1/responses}. */
    public void create(RoutingContext ctx) {
        ResponsesRequest request;
        try {
            responses.pipeline().gate().authenticate(ctx.request().headers());
            request = ResponsesRequest.parse(JsonBody.read(ctx, EXAMPLE));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        Map<String, String> meta = RequestMetadata.from(ctx.request().headers());
        ctx.response().putHeader(Responses.X_REQUEST_ID, meta.get(ChatService.REQUEST_ID));
        responses.prepare(request)
                .compose(p -> responses.pipeline().gate().admit(ctx.request().headers(), p.chat(), meta).map(p))
                .onFailure(t -> Responses.error(ctx, t))
                .onSuccess(p -> {
                    if (request.stream()) {
                        stream(ctx, p, meta);
                    } else {
                        Cancellation cancellation = new Cancellation();
                        ClientGone.watch(ctx.response(), () -> cancellation.cancel("the client closed the connection"));
                        responses.create(p, meta, cancellation).onComplete(ar -> {
                            if (ar.failed()) {
                                Responses.error(ctx, ar.cause());
                            } else {
                                reply(ctx, ar.result());
                            }
                        });
                    }
                });
    }

    /** {@code GET /v1/responses/{id}}. */
    public void get(RoutingContext ctx) {
        answer(ctx, id -> responses.get(id));
    }

    /** {@code DELETE /v1/responses/{id}}. */
    public void delete(RoutingContext ctx) {
        answer(ctx, id -> responses.delete(id));
    }

    private void answer(RoutingContext ctx, java.util.function.Function<String, Future<JsonObject>> action) {
        try {
            responses.pipeline().gate().authenticate(ctx.request().headers());
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        action.apply(ctx.pathParam("id")).onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else {
                Responses.json(ctx, 200, ar.result());
            }
        });
    }

    private static void reply(RoutingContext ctx, ResponsesService.Created created) {
        HttpServerResponse r = ctx.response();
        ChatService.CallResult<JsonObject> result = created.result();
        Responses.routingHeaders(r, result.plan(), result.served().model(), result.served().attempts());
        r.putHeader(Responses.X_COST, Responses.cost(result.cost()));
        Responses.json(ctx, 200, created.response());
    }

    private void stream(RoutingContext ctx, ResponsesService.Prepared p, Map<String, String> meta) {
        StreamHandle run;
        try {
            run = responses.stream(p, meta, plan -> new ResponsesSseSink(ctx.response(), plan, streamWriteQueueBytes, responses, p));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        run.started().onFailure(t -> Responses.error(ctx, t));
    }
}
