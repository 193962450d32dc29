package dev.switchboard.engine.resilience;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.engine.quality.PoorResult;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.NativeRequest;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.buffer.Buffer;

/**
 * The chat call of one request, streaming or not. With a front door's {@link NativeRequest} (e.g.
 * Anthropic Messages), a model whose adapter speaks that API natively is sent the client's request
 * as it is ({@link ProviderAdapter#buildNativeRequest}) and its bytes are passed through
 * ({@link #wire()}); any other model gets the canonical {@link ChatRequest}. One instance serves one
 * run, whose attempts are sequential: {@link #wire()} describes the call built last.
 */
public final class ChatOperation implements UpstreamOperation<ChatResponse>, StreamOperation {
    private final ChatRequest request;
    private final NativeRequest nativeRequest;
    private boolean wire;

    /** @param nativeRequest the client's request in its own API, or null */
    public ChatOperation(ChatRequest request, NativeRequest nativeRequest) {
        this.request = request;
        this.nativeRequest = nativeRequest;
    }

    @Override
    public UpstreamRequest build(ProviderAdapter adapter, ModelDescriptor model) {
        UpstreamRequest forwarded = nativeRequest == null ? null : adapter.buildNativeRequest(nativeRequest, model);
        wire = forwarded != null;
        return wire ? forwarded : adapter.buildRequest(request, model);
    }

    @Override
    public ChatResponse decode(ProviderAdapter adapter, Buffer body, ModelDescriptor model) {
        return adapter.decodeResponse(body, model);
    }

    @Override
    public StreamDecoder decoder(ProviderAdapter adapter, ModelDescriptor model) {
        return adapter.streamDecoder(model);
    }

    @Override
    public boolean wire() {
        return wire;
    }

    @Override
    public String poorSignal(ChatResponse answer, PoorResult judge) {
        return judge.signal(request, answer);
    }

    @Override
    public Usage usage(ChatResponse answer) {
        return answer.usage();
    }
}
