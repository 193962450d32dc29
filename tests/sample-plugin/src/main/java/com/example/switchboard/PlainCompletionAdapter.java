package com.example.switchboard;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A fictional completion service with one endpoint, {@code POST <base-url>/complete}: it takes
 * {@code {"model", "prompt", "max_tokens", "stream"}} and answers
 * {@code {"id", "text", "input_tokens", "output_tokens"}}, or, streamed, one JSON object per line
 * ({@link PlainStreamDecoder}). Pure translation: the engine does the HTTP.
 */
final class PlainCompletionAdapter implements ProviderAdapter {
    private final String baseUrl;
    private final String apiKey;

    PlainCompletionAdapter(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    public UpstreamRequest buildRequest(ChatRequest request, ModelDescriptor model) {
        StringBuilder prompt = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            prompt.append(m.role()).append(": ").append(m.text()).append('\n');
        }
        JsonObject body = new JsonObject().put("model", model.upstreamModel()).put("prompt", prompt.toString())
                .put("stream", request.stream());
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (apiKey != null) {
            headers.set("authorization", "Bearer " + apiKey);
        }
        return UpstreamRequest.postJson(baseUrl + "/complete", headers, body.toBuffer());
    }

    @Override
    public ChatResponse decodeResponse(Buffer body, ModelDescriptor model) {
        JsonObject answer = object(body);
        if (!(answer.getValue("text") instanceof String)) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "plain-completion answer without 'text'");
        }
        Usage usage = Usage.of(answer.getInteger("input_tokens", 0), answer.getInteger("output_tokens", 0));
        return new ChatResponse(answer.getString("id", "plain-1"), model.upstreamModel(), System.currentTimeMillis() / 1000,
                List.of(ChatResponse.Choice.text(0, answer.getString("text"), "stop")), usage, null);
    }

    @Override
    public StreamDecoder streamDecoder(ModelDescriptor model) {
        return new PlainStreamDecoder(model.upstreamModel());
    }

    @Override
    public ProviderException mapError(int status, MultiMap headers, Buffer body) {
        ErrorKind kind = status == 401 || status == 403 ? ErrorKind.AUTH
                : status == 429 ? ErrorKind.RATE_LIMITED
                : status >= 500 ? ErrorKind.OVERLOADED
                : ErrorKind.BAD_REQUEST;
        return new ProviderException(kind, status, null, "plain-completion answered " + status, null);
    }

    static JsonObject object(Buffer body) {
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "plain-completion sent something that is not a JSON object");
        }
    }
}
