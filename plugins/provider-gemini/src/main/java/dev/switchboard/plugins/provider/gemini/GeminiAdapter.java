package dev.switchboard.plugins.provider.gemini;

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
import java.util.Map;
import java.util.Objects;

/**
 * Translates OpenAI chat requests to the Gemini API and back. Transport only here (URL, headers);
 * the body, the answer, the stream and the errors each have their own translator. Stateless and
 * thread-safe.
 */
public final class GeminiAdapter implements ProviderAdapter {

    private final String providerId;
    private final String baseUrl;
    private final String apiKey;
    private final Map<String, String> extraHeaders;
    private final GeminiRequestTranslator requests;
    private final GeminiResponseTranslator responses;
    private final GeminiErrorMapper errors;
    private final GeminiEmbeddings embeddings;

    /**
     * @param providerId   the configured provider id (named in error messages)
     * @param baseUrl      API root, e.g. {@value GeminiAdapterFactory#DEFAULT_BASE_URL}
     * @param apiKey       the API key sent as {@code x-goog-api-key}, or null/blank to send none
     * @param extraHeaders headers added to every call
     */
    public GeminiAdapter(String providerId, String baseUrl, String apiKey, Map<String, String> extraHeaders) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
        this.errors = new GeminiErrorMapper();
        this.requests = new GeminiRequestTranslator();
        this.responses = new GeminiResponseTranslator(providerId, errors);
        this.embeddings = new GeminiEmbeddings(providerId);
    }

    @Override
    public UpstreamRequest buildRequest(ChatRequest request, ModelDescriptor model) {
        Buffer body = requests.translate(request).toBuffer();
        MultiMap headers = headers();
        String method = request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
        if (request.stream()) {
            headers.set("accept", "text/event-stream");
        }
        return UpstreamRequest.postJson(baseUrl + "/" + modelPath(model.upstreamModel()) + method, headers, body);
    }

    @Override
    public UpstreamRequest buildEmbeddingsRequest(EmbeddingRequest request, ModelDescriptor model) {
        String path = modelPath(model.upstreamModel());
        Buffer body = embeddings.body(request, path).toBuffer();
        MultiMap headers = headers();
        return UpstreamRequest.postJson(baseUrl + "/" + path + GeminiEmbeddings.method(request), headers, body);
    }

    @Override
    public EmbeddingResponse decodeEmbeddings(Buffer body, EmbeddingRequest request, ModelDescriptor model) {
        return embeddings.decode(GeminiJson.parseObject(body, providerId, "embeddings"), request);
    }

    @Override
    public ChatResponse decodeResponse(Buffer body, ModelDescriptor model) {
        return responses.translate(GeminiJson.parseObject(body, providerId, "response"), model.upstreamModel());
    }

    @Override
    public StreamDecoder streamDecoder(ModelDescriptor model) {
        return new GeminiStreamDecoder(providerId, model.upstreamModel(), errors);
    }

    @Override
    public ProviderException mapError(int status, MultiMap headers, Buffer body) {
        return errors.map(status, headers, body);
    }

    @Override
    public String connectionErrorMessage(String cause) {
        return "cannot reach Gemini provider '" + providerId + "' at " + baseUrl + ": " + cause;
    }

    private MultiMap headers() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (apiKey != null) {
            headers.set("x-goog-api-key", apiKey);
        }
        extraHeaders.forEach(headers::set);
        return headers;
    }

    /** {@code gemini-2.5-flash} becomes {@code models/gemini-2.5-flash}; {@code tunedModels/x} is kept as written. */
    static String modelPath(String upstreamModel) {
        return upstreamModel.contains("/") ? upstreamModel : "models/" + upstreamModel;
    }
}
