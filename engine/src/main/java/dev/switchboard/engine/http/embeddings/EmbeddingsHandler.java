package dev.switchboard.engine.http.embeddings;

import dev.switchboard.engine.embeddings.EmbeddingsService;
import dev.switchboard.engine.http.exchange.ClientGone;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.http.exchange.JsonBody;
import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestMetadata;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code POST /v1/embeddings}: OpenAI Embeddings, through the same pipeline as chat. */
public final class EmbeddingsHandler implements Handler<RoutingContext> {
    private static final String EXAMPLE = "{\"model\": \"text-embedding-3-small\", \"input\": \"some text\"}";
    private final EmbeddingsService embeddings;

    public EmbeddingsHandler(EmbeddingsService embeddings) {
        this.embeddings = embeddings;
    }

    @Override
    public void handle(RoutingContext ctx) {
        EmbeddingRequest request;
        try {
            request = EmbeddingRequest.parse(JsonBody.read(ctx, EXAMPLE));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        Map<String, String> meta = RequestMetadata.from(ctx.request().headers());
        ctx.response().putHeader(Responses.X_REQUEST_ID, meta.get(ChatService.REQUEST_ID));
        ChatRequest routing = EmbeddingsService.routingView(request);
        Cancellation cancellation = new Cancellation();
        ClientGone.watch(ctx.response(), () -> cancellation.cancel("the client closed the connection"));
        embeddings.pipeline().gate().admit(ctx.request().headers(), routing, meta)
                .compose(v -> embeddings.embed(request, routing, meta, cancellation))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        Responses.error(ctx, ar.cause());
                    } else {
                        reply(ctx, ar.result(), request.base64());
                    }
                });
    }

    private static void reply(RoutingContext ctx, ChatService.CallResult<EmbeddingResponse> result, boolean base64) {
        HttpServerResponse r = ctx.response();
        Responses.routingHeaders(r, result.plan(), result.served().model(), result.served().attempts());
        r.putHeader(Responses.X_COST, Responses.cost(result.cost()));
        Responses.json(ctx, 200, EmbeddingsService.toOpenAi(result, base64));
    }
}
