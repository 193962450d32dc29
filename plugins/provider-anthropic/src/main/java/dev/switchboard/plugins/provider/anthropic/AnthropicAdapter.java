package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.RawJson;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.NativeRequest;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.function.LongSupplier;

/**
 * Speaks Anthropic's Messages API for the engine: OpenAI requests become {@code POST /v1/messages}
 * calls, and Anthropic messages, streams and errors come back in OpenAI shape. Pure translation,
 * immutable and shared by every event loop; the work is done by the request translator, the
 * response translator, the stream decoder and the error mapper.
 */
public final class AnthropicAdapter implements ProviderAdapter {
    private final AnthropicTransport transport;
    private final String providerId;
    private final ErrorMapper errors = new ErrorMapper();
    private final ResponseTranslator responses;
    private final LongSupplier clock;

    AnthropicAdapter(String providerId, AnthropicTransport transport) {
        this(providerId, transport, () -> System.currentTimeMillis() / 1000);
    }

    /**
     * @param clock unix seconds for {@code created}, which Anthropic does not send (fixed in tests)
     */
    AnthropicAdapter(String providerId, AnthropicTransport transport, LongSupplier clock) {
        this.providerId = providerId;
        this.transport = transport;
        this.clock = clock;
        this.responses = new ResponseTranslator(providerId, errors);
    }

    @Override
    public UpstreamRequest buildRequest(ChatRequest request, ModelDescriptor model) {
        return transport.messages(RequestTranslator.translate(request, model).toBuffer(), request.stream());
    }

    /**
     * Forwards a client's own Messages API body with only {@code model} replaced, so fields the
     * canonical shape lacks ({@code thinking}, {@code cache_control}, {@code top_k}, beta features)
     * reach Anthropic as the client wrote them.
     */
    @Override
    public UpstreamRequest buildNativeRequest(NativeRequest request, ModelDescriptor model) {
        if (!NativeRequest.ANTHROPIC_MESSAGES.equals(request.api())) {
            return null;
        }
        RawJson source = request.body();
        Buffer body = source.withModel(model.upstreamModel());
        if (body == null) {
            body = source.json().copy().put("model", model.upstreamModel()).toBuffer();
        }
        return transport.messages(body, request.stream(), request.headers());
    }

    @Override
    public ChatResponse decodeResponse(Buffer body, ModelDescriptor model) {
        return responses.translate(body, model, clock.getAsLong());
    }

    @Override
    public StreamDecoder streamDecoder(ModelDescriptor model) {
        return new AnthropicStreamDecoder(providerId, errors, model.upstreamModel(), clock.getAsLong());
    }

    @Override
    public ProviderException mapError(int status, MultiMap headers, Buffer body) {
        return errors.fromHttp(status, headers, body);
    }

    @Override
    public String connectionErrorMessage(String cause) {
        return "cannot reach Anthropic (provider '" + providerId + "') at " + transport.baseUrl() + ": " + cause;
    }
}
