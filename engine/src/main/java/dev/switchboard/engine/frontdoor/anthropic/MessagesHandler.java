package dev.switchboard.engine.frontdoor.anthropic;

import dev.switchboard.engine.http.exchange.ClientGone;
import dev.switchboard.engine.http.exchange.JsonBody;
import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RequestBodies;
import dev.switchboard.engine.pipeline.RequestMetadata;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.resilience.StreamHandle;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.provider.NativeRequest;
import dev.switchboard.toolkit.chat.SourceJson;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Anthropic's Messages API: {@code POST /v1/messages} (JSON or SSE) and
 * {@code POST /v1/messages/count_tokens}, served by the chat pipeline. The request is translated to
 * the canonical one for routing, limits and translating providers, and offered as it came to
 * Anthropic upstreams ({@link NativeRequest}), whose answers come back untranslated.
 */
public final class MessagesHandler {
    private final ChatService service;
    private final int streamWriteQueueBytes;

    /**
     * @param service               the pipeline
     * @param streamWriteQueueBytes bytes queued for a streaming client before the upstream read pauses
     */
    public MessagesHandler(ChatService service, int streamWriteQueueBytes) {
        this.service = service;
        this.streamWriteQueueBytes = streamWriteQueueBytes;
    }

    /** {@code POST /v1/messages}. */
    public void messages(RoutingContext ctx) {
        Parsed parsed;
        try {
            parsed = read(ctx, false);
        } catch (RuntimeException e) {
            Responses.error(ctx, e, AnthropicErrors.INSTANCE);
            return;
        }
        ChatRequest request = parsed.canonical();
        NativeRequest forward = new NativeRequest(NativeRequest.ANTHROPIC_MESSAGES, parsed.source(), forwardedHeaders(ctx.request().headers()),
                request.stream());
        Map<String, String> meta = RequestMetadata.from(ctx.request().headers());
        // request-id is where Anthropic's clients look for it (error reports, logs)
        String requestId = meta.get(ChatService.REQUEST_ID);
        ctx.response().putHeader(Responses.X_REQUEST_ID, requestId).putHeader("request-id", requestId);
        service.gate().admit(ctx.request().headers(), request, meta).onComplete(admitted -> {
            if (admitted.failed()) {
                Responses.error(ctx, admitted.cause(), AnthropicErrors.INSTANCE);
            } else if (request.stream()) {
                stream(ctx, request, forward, meta);
            } else {
                Cancellation cancellation = new Cancellation();
                ClientGone.watch(ctx.response(), () -> cancellation.cancel("the client closed the connection"));
                service.complete(request, forward, meta, cancellation).onComplete(ar -> {
                    if (ar.failed()) {
                        Responses.error(ctx, ar.cause(), AnthropicErrors.INSTANCE);
                    } else {
                        reply(ctx, ar.result());
                    }
                });
            }
        });
    }

    /**
     * {@code POST /v1/messages/count_tokens}: {@code {"input_tokens": n}}, counted by the engine's
     * tokenizer on the canonical request (the same estimate routing uses), for any model or route.
     */
    public void countTokens(RoutingContext ctx) {
        try {
            service.gate().authenticate(ctx.request().headers());
            ChatRequest request = read(ctx, true).canonical();
            Map<String, String> meta = RequestMetadata.from(ctx.request().headers());
            service.explain(request, meta).onComplete(plan -> Responses.json(ctx, 200, new JsonObject()
                    .put("input_tokens", plan.features().estimatedInputTokens()).toBuffer()),
                    e -> Responses.error(ctx, e, AnthropicErrors.INSTANCE));
        } catch (RuntimeException e) {
            Responses.error(ctx, e, AnthropicErrors.INSTANCE);
        }
    }

    /** The parsed body: its source (bytes kept, for Anthropic upstreams) and canonical translation. */
    record Parsed(SourceJson source, ChatRequest canonical) {
    }

    private static Parsed read(RoutingContext ctx, boolean countOnly) {
        JsonBody.requireJsonType(ctx);
        SourceJson source = RequestBodies.source(ctx.body().buffer());
        return new Parsed(source, MessagesRequestReader.read(source.json(), countOnly));
    }

    /** The client's Anthropic protocol headers (never its credentials), for an Anthropic upstream. */
    static MultiMap forwardedHeaders(MultiMap headers) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (String name : new String[] {"anthropic-version", "anthropic-beta"}) {
            if (headers.contains(name)) {
                out.set(name, headers.getAll(name));
            }
        }
        return out;
    }

    private static void reply(RoutingContext ctx, ChatService.ChatResult result) {
        HttpServerResponse r = ctx.response();
        Responses.routingHeaders(r, result.plan(), result.served().model(), result.served().attempts());
        r.putHeader(Responses.X_COST, Responses.cost(result.cost()));
        Responses.json(ctx, 200, result.wire() != null ? result.wire() : MessagesResponses.message(result.response()).toBuffer());
    }

    private void stream(RoutingContext ctx, ChatRequest request, NativeRequest forward, Map<String, String> meta) {
        StreamHandle run;
        try {
            run = service.stream(request, forward, meta, plan -> new MessagesSseSink(ctx.response(), plan, streamWriteQueueBytes));
        } catch (RuntimeException e) {
            Responses.error(ctx, e, AnthropicErrors.INSTANCE);
            return;
        }
        run.started().onFailure(t -> Responses.error(ctx, t, AnthropicErrors.INSTANCE));
    }
}
