package dev.switchboard.engine.responses;

import dev.switchboard.engine.quality.PoorResult;
import dev.switchboard.engine.resilience.StreamOperation;
import dev.switchboard.engine.resilience.UpstreamOperation;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * One Responses request along the plan (a call, or a stream): to a provider whose adapter serves the
 * Responses API natively, the request itself (conversation expanded, our state stripped); to any
 * other, the chat translation. Either way the answer becomes a Response object with our id.
 * Attempts of one run are sequential, so remembering which kind the last build made is safe.
 * A route's quality escalation judges the chat answer of a translated call; a native Responses
 * answer is not judged.
 */
final class ResponsesOperation implements UpstreamOperation<JsonObject>, StreamOperation {
    private final ResponsesService.Prepared prepared;
    private JsonObject nativeBody;
    private boolean lastNative;
    /** The chat answer the last translated call decoded, for quality escalation; null after a native one. */
    private ChatResponse lastChat;

    ResponsesOperation(ResponsesService.Prepared prepared) {
        this.prepared = prepared;
    }

    /** Never: a native Responses answer is read and re-sent with Switchboard's ids, not passed through as bytes. */
    @Override
    public boolean wire() {
        return false;
    }

    @Override
    public UpstreamRequest build(ProviderAdapter adapter, ModelDescriptor model) {
        Optional<UpstreamRequest> direct = adapter.buildResponsesRequest(nativeBody(), model);
        lastNative = direct.isPresent();
        return direct.orElseGet(() -> adapter.buildRequest(prepared.chat(), model));
    }

    @Override
    public StreamDecoder decoder(ProviderAdapter adapter, ModelDescriptor model) {
        return lastNative ? new NativeStreamDecoder(model.id()) : adapter.streamDecoder(model);
    }

    @Override
    public JsonObject decode(ProviderAdapter adapter, Buffer body, ModelDescriptor model) {
        ResponsesRequest request = prepared.request();
        lastChat = null;
        if (!lastNative) {
            ChatResponse chat = adapter.decodeResponse(body, model);
            lastChat = chat;
            return ResponseObjects.fromChat(request, prepared.id(), model.id(), chat, chat.usage());
        }
        JsonObject r = parse(body, model);
        return r.put("id", prepared.id()).put("model", model.id()).put("previous_response_id", request.previousResponseId())
                .put("store", request.store());
    }

    @Override
    public String poorSignal(JsonObject answer, PoorResult judge) {
        return lastChat == null ? null : judge.signal(prepared.chat(), lastChat);
    }

    @Override
    public Usage usage(JsonObject answer) {
        return ResponseObjects.usageOf(answer);
    }

    /** The client's request for a native upstream: the whole conversation as input, nothing stored upstream. */
    private JsonObject nativeBody() {
        if (nativeBody == null) {
            JsonObject b = prepared.request().body().copy();
            b.remove("previous_response_id");
            JsonArray input = new JsonArray();
            for (Object o : prepared.conversation()) {
                JsonObject item = ((JsonObject) o).copy();
                item.remove("id");      // ids of items Switchboard made up mean nothing upstream
                item.remove("status");
                input.add(item);
            }
            nativeBody = b.put("input", input).put("store", false).put("stream", prepared.request().stream());
        }
        return nativeBody;
    }

    private static JsonObject parse(Buffer body, ModelDescriptor model) {
        try {
            Object v = Json.decodeValue(body);
            if (v instanceof JsonObject && "response".equals(((JsonObject) v).getValue("object"))
                    && ((JsonObject) v).getValue("output") instanceof JsonArray) {
                return (JsonObject) v;
            }
        } catch (DecodeException e) {
            // reported below
        }
        throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "the Responses API of model '" + model.id()
                + "' answered something other than a response object");
    }
}
