package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Translates between the canonical (OpenAI) chat shape and Ollama's native {@code /api/chat}:
 * requests as JSON with an explicit {@code stream} flag, answers as one JSON object or an NDJSON
 * stream, errors as {@code {"error": "..."}}. Pure translation; immutable and thread-safe.
 */
public final class OllamaAdapter implements ProviderAdapter {

    private final OllamaSettings settings;
    private final OllamaRequestTranslator requests;
    private final OllamaResponses responses;
    private final OllamaErrors errors;
    private final OllamaDiscovery discovery;
    private final OllamaEmbeddings embeddings;

    OllamaAdapter(OllamaSettings settings) {
        this(settings, OllamaAdapter::randomId);
    }

    /** @param ids suffixes for response and tool-call ids (Ollama has none); must be thread-safe */
    OllamaAdapter(OllamaSettings settings, Supplier<String> ids) {
        this.settings = settings;
        this.requests = new OllamaRequestTranslator(settings);
        this.errors = new OllamaErrors(settings);
        this.responses = new OllamaResponses(ids, errors);
        this.discovery = new OllamaDiscovery(settings);
        this.embeddings = new OllamaEmbeddings(responses);
    }

    @Override
    public UpstreamRequest buildRequest(ChatRequest request, ModelDescriptor model) {
        Buffer body = requests.translate(request, model).toBuffer();
        MultiMap headers = headers();
        headers.set("accept", request.stream() ? "application/x-ndjson" : "application/json");
        return UpstreamRequest.postJson(settings.baseUrl() + "/api/chat", headers, body);
    }

    @Override
    public UpstreamRequest buildEmbeddingsRequest(EmbeddingRequest request, ModelDescriptor model) {
        MultiMap headers = headers();
        headers.set("accept", "application/json");
        return UpstreamRequest.postJson(settings.baseUrl() + "/api/embed", headers,
                embeddings.body(request, model.upstreamModel()).toBuffer());
    }

    @Override
    public EmbeddingResponse decodeEmbeddings(Buffer body, EmbeddingRequest request, ModelDescriptor model) {
        return embeddings.decode(body.toString(), request);
    }

    @Override
    public ChatResponse decodeResponse(Buffer body, ModelDescriptor model) {
        return responses.decode(body, model);
    }

    @Override
    public StreamDecoder streamDecoder(ModelDescriptor model) {
        return new OllamaStreamDecoder(responses, model);
    }

    @Override
    public ProviderException mapError(int status, MultiMap headers, Buffer body) {
        return errors.map(status, headers, body);
    }

    @Override
    public Optional<UpstreamRequest> discoveryRequest() {
        if (!settings.discover()) {
            return Optional.empty();
        }
        MultiMap headers = headers();
        headers.set("accept", "application/json");
        return Optional.of(new UpstreamRequest(HttpMethod.GET, settings.baseUrl() + "/api/tags", headers, null));
    }

    @Override
    public List<ModelDescriptor> decodeDiscovery(Buffer body) {
        return discovery.decode(body);
    }

    @Override
    public String connectionErrorMessage(String cause) {
        return errors.connectionMessage(cause);
    }

    private MultiMap headers() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        settings.headers().forEach(headers::set);
        return headers;
    }

    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
