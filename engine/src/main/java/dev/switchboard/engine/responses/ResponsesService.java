package dev.switchboard.engine.responses;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.resilience.StreamRun;
import dev.switchboard.engine.resilience.StreamSink;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The OpenAI Responses API on the one pipeline: a request is expanded with its stored conversation
 * ({@code previous_response_id}), translated to a chat request for planning and for providers
 * without the API, served by {@link ChatService} (routes, fallbacks, breakers, limits, cost,
 * decision log), and stored when {@code store} is set. Shared by the HTTP and event-bus front doors.
 */
public final class ResponsesService {
    private final ChatService service;
    private final ResponseStore store;

    public ResponsesService(ChatService service, ResponseStore store) {
        this.service = service;
        this.store = store;
    }

    /** The pipeline requests go through (for the gate). */
    public ChatService pipeline() {
        return service;
    }

    /**
     * A request ready to serve.
     *
     * @param request      the validated request
     * @param id           the id the response gets
     * @param conversation every item before this response's output: stored history, then the new input
     * @param chat         the request translated to chat completions (what routers see)
     */
    public record Prepared(ResponsesRequest request, String id, JsonArray conversation, ChatRequest chat) {
    }

    /**
     * A served non-streaming request.
     *
     * @param result   the pipeline's result (plan, served model, attempts, cost)
     * @param response the response object, usage with cost
     */
    public record Created(ChatService.CallResult<JsonObject> result, JsonObject response) {
    }

    /** Loads the previous response (404 when unknown) and translates the request. */
    public Future<Prepared> prepare(ResponsesRequest request) {
        if (request.previousResponseId() == null) {
            return Future.succeededFuture(prepared(request, new JsonArray()));
        }
        return store.get(request.previousResponseId()).map(entry -> {
            if (entry == null) {
                throw new ApiException(404, "invalid_request_error", "previous_response_not_found", "previous_response_id",
                        "Previous response with id '" + request.previousResponseId() + "' not found: it was never stored "
                                + "('store': false), was deleted, or expired", null, null);
            }
            JsonArray history = entry.getJsonArray("input").copy();
            entry.getJsonObject("response").getJsonArray("output").forEach(history::add);
            return prepared(request, history);
        });
    }

    private static Prepared prepared(ResponsesRequest request, JsonArray history) {
        JsonArray conversation = history.copy();
        request.input().forEach(conversation::add);
        ChatRequest chat;
        try {
            chat = ChatRequestParser.parse(ChatTranslator.toChat(request, conversation));
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest("input", "the input cannot be served: " + e.getMessage());
        }
        return new Prepared(request, ResponseObjects.id("resp"), conversation, chat);
    }

    /**
     * Serves a non-streaming request and stores it when asked; {@code cancellation} aborts it when
     * the client goes away (nothing is stored then).
     */
    public Future<Created> create(Prepared p, Map<String, String> metadata, Cancellation cancellation) {
        return service.call(p.chat(), null, metadata, new ResponsesOperation(p), (json, plan) -> ResponseObjects.usageOf(json),
                        cancellation)
                .compose(result -> {
                    JsonObject response = result.served().value();
                    response.put("usage", ResponseObjects.usage(result.usage()));
                    return save(p, response).map(v -> new Created(result, response));
                });
    }

    /**
     * Starts a streaming request: from providers with the Responses API their own stream, from the
     * others a chat stream; see {@link ChatService#stream}.
     */
    public StreamRun stream(Prepared p, Map<String, String> metadata, Function<RoutePlan, StreamSink> sinks) {
        return service.stream(p.chat(), metadata, sinks, new ResponsesOperation(p));
    }

    /** The event translator for a streaming request. */
    public ResponseStream events(Prepared p, Consumer<JsonObject> out) {
        return new ResponseStream(p.request(), p.id(), out);
    }

    /** Stores the final response when the request asked for it ({@code store}, default true). */
    public Future<Void> save(Prepared p, JsonObject response) {
        if (!p.request().store()) {
            return Future.succeededFuture();
        }
        return store.put(p.id(), new JsonObject().put("response", response).put("input", p.conversation()));
    }

    /** {@code GET /v1/responses/{id}}: the stored response, 404 when unknown. */
    public Future<JsonObject> get(String id) {
        return store.get(id).map(entry -> {
            if (entry == null) {
                throw notFound(id);
            }
            return entry.getJsonObject("response");
        });
    }

    /** {@code DELETE /v1/responses/{id}}: OpenAI's deletion object, 404 when unknown. */
    public Future<JsonObject> delete(String id) {
        return store.delete(id).map(existed -> {
            if (!existed) {
                throw notFound(id);
            }
            return new JsonObject().put("id", id).put("object", "response.deleted").put("deleted", true);
        });
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "invalid_request_error", "response_not_found", "response_id",
                "Response with id '" + id + "' not found: it was never stored, was deleted, or expired", null, null);
    }
}
