package dev.switchboard.toolkit.provider;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.toolkit.chat.SourceJson;
import dev.switchboard.toolkit.stream.SseStreamDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The base for providers that speak OpenAI Chat Completions (OpenAI, OpenRouter, vLLM, LM Studio,
 * llama.cpp, Together, Groq...). The request body is the client's own, passed through with only
 * {@code model} replaced (and usage requested on streams), so unknown fields reach the upstream
 * untouched. Subclasses override the few hooks that differ: headers, URL, response extras.
 */
public class OpenAiCompatibleAdapter implements ProviderAdapter {

    protected final String providerId;
    protected final String baseUrl;
    protected final String apiKey;
    protected final Map<String, String> extraHeaders;
    /** {@code Bearer <key>} encoded once, not per call. */
    private final CharSequence bearer;
    private final boolean customizesBody = overridesCustomizeBody(getClass());
    private final boolean responsesApi;

    /**
     * @param providerId   the configured provider id (named in error messages)
     * @param baseUrl      e.g. {@code https://api.openai.com/v1} (no trailing slash needed)
     * @param apiKey       bearer token, or null/blank for servers without auth
     * @param extraHeaders headers added to every call
     */
    public OpenAiCompatibleAdapter(String providerId, String baseUrl, String apiKey, Map<String, String> extraHeaders) {
        this(providerId, baseUrl, apiKey, extraHeaders, false);
    }

    /**
     * As the four-argument constructor, saying whether the upstream serves the OpenAI Responses API
     * ({@code POST /responses}): then Responses requests pass through to it instead of being
     * translated to Chat Completions.
     */
    public OpenAiCompatibleAdapter(String providerId, String baseUrl, String apiKey, Map<String, String> extraHeaders,
                                   boolean responsesApi) {
        this.responsesApi = responsesApi;
        this.providerId = providerId;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.bearer = this.apiKey == null ? null : HttpHeaders.createOptimized("Bearer " + this.apiKey);
        this.extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
    }

    @Override
    public UpstreamRequest buildRequest(ChatRequest request, ModelDescriptor model) {
        // the client's bytes with model replaced, when nothing else changes: no re-encoding
        Buffer bytes = request.stream() || customizesBody || request.source() == null ? null
                : request.source().withModel(model.upstreamModel());
        if (bytes == null) {
            bytes = encodedBody(request, model);
        }
        MultiMap headers = headers();
        if (request.stream()) {
            headers.set("accept", "text/event-stream");
        }
        return UpstreamRequest.postJson(baseUrl + "/chat/completions", headers, bytes);
    }

    /** The auth and extra headers every call carries. */
    private MultiMap headers() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (apiKey != null) {
            headers.set(HttpHeaders.AUTHORIZATION, bearer);
        }
        extraHeaders.forEach(headers::set);
        return headers;
    }

    /** {@code POST /embeddings}, the client's body with {@code model} replaced and float encoding asked for. */
    @Override
    public UpstreamRequest buildEmbeddingsRequest(EmbeddingRequest request, ModelDescriptor model) {
        return UpstreamRequest.postJson(baseUrl + "/embeddings", headers(), request.bodyForUpstream(model.upstreamModel()).toBuffer());
    }

    @Override
    public EmbeddingResponse decodeEmbeddings(Buffer body, EmbeddingRequest request, ModelDescriptor model) {
        JsonObject json = readAnswer(body).json();
        try {
            return EmbeddingResponse.fromOpenAi(json, request.size());
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed embeddings from provider '" + providerId + "': " + e.getMessage());
        }
    }

    /** {@code POST /responses} when the provider is configured as serving the Responses API, else empty. */
    @Override
    public java.util.Optional<UpstreamRequest> buildResponsesRequest(JsonObject body, ModelDescriptor model) {
        if (!responsesApi) {
            return java.util.Optional.empty();
        }
        JsonObject copy = new JsonObject(new java.util.LinkedHashMap<>(body.getMap())).put("model", model.upstreamModel());
        MultiMap headers = headers();
        if (Boolean.TRUE.equals(body.getValue("stream"))) {
            headers.set("accept", "text/event-stream");
        }
        return java.util.Optional.of(UpstreamRequest.postJson(baseUrl + "/responses", headers, copy.toBuffer()));
    }

    private Buffer encodedBody(ChatRequest request, ModelDescriptor model) {
        JsonObject body = request.bodyWithModel(model.upstreamModel());
        if (request.stream()) {
            // Always ask for usage so cost can be metered; the engine drops the usage chunk when the client did not ask.
            JsonObject so = request.body().getValue("stream_options") instanceof JsonObject
                    ? request.body().getJsonObject("stream_options").copy() : new JsonObject();
            body.put("stream_options", so.put("include_usage", true));
        }
        customizeBody(body, request, model);
        return body.toBuffer();
    }

    /** Whether a subclass overrides {@link #customizeBody}: then the body is always rebuilt for it. */
    private static boolean overridesCustomizeBody(Class<?> type) {
        for (Class<?> c = type; c != null && c != OpenAiCompatibleAdapter.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("customizeBody", JsonObject.class, ChatRequest.class, ModelDescriptor.class);
                return true;
            } catch (NoSuchMethodException notHere) {
                // look further up
            }
        }
        return false;
    }

    /** Hook to adjust the outgoing body; the default leaves it as the client sent it. */
    protected void customizeBody(JsonObject body, ChatRequest request, ModelDescriptor model) {
    }

    @Override
    public ChatResponse decodeResponse(Buffer body, ModelDescriptor model) {
        SourceJson source = readAnswer(body);
        try {
            return ChatResponse.fromOpenAi(source);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed response from provider '" + providerId + "': " + e.getMessage());
        }
    }

    @Override
    public StreamDecoder streamDecoder(ModelDescriptor model) {
        return new Decoder();
    }

    @Override
    public ProviderException mapError(int status, MultiMap headers, Buffer body) {
        JsonObject error = null;
        String text = body == null ? "" : body.toString();
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(text);
            if (parsed instanceof JsonObject && ((JsonObject) parsed).getValue("error") instanceof JsonObject) {
                error = ((JsonObject) parsed).getJsonObject("error");
            } else if (parsed instanceof JsonObject && ((JsonObject) parsed).getValue("error") instanceof String) {
                error = new JsonObject().put("message", ((JsonObject) parsed).getString("error"));
            }
        } catch (DecodeException notJson) {
            // keep the text as the message
        }
        if (error == null) {
            error = new JsonObject().put("message", text.isBlank() ? "HTTP " + status : truncate(text));
        }
        return errorFromBody(status, headers, error);
    }

    /** Maps an OpenAI-style {@code error} object to a normalised error. */
    protected ProviderException errorFromBody(int status, MultiMap headers, JsonObject error) {
        String message = error.getValue("message") instanceof String ? error.getString("message") : "HTTP " + status;
        Object codeValue = error.getValue("code");
        String code = codeValue == null ? (error.getValue("type") instanceof String ? error.getString("type") : null) : codeValue.toString();
        ErrorKind kind = status == 200 ? ErrorKind.UPSTREAM_5XX : ErrorKind.forStatus(status);
        String lowered = message.toLowerCase(Locale.ROOT);
        if ("context_length_exceeded".equals(code) || lowered.contains("maximum context length")
                || lowered.contains("context length") && lowered.contains("exceed")) {
            kind = ErrorKind.CONTEXT_LENGTH;
        } else if ("content_filter".equals(code) || "content_policy_violation".equals(code)) {
            kind = ErrorKind.CONTENT_FILTER;
        } else if ("model_not_found".equals(code)) {
            kind = ErrorKind.NOT_FOUND;
        } else if ("rate_limit_exceeded".equals(code) && status == 200) {
            kind = ErrorKind.RATE_LIMITED;
        }
        return new ProviderException(kind, status == 200 ? 0 : status, code, message, RetryAfter.parse(headers));
    }

    /** Parses a JSON object body or fails with {@link ErrorKind#MALFORMED_RESPONSE}. */
    protected JsonObject parseObject(Buffer body) {
        try {
            Object v = io.vertx.core.json.Json.decodeValue(body);
            if (v instanceof JsonObject) {
                return (JsonObject) v;
            }
        } catch (DecodeException e) {
            // reported below
        }
        throw notAnObject(body);
    }

    /**
     * Parses a 200 answer or stream event, keeping its bytes; an {@code error} object in it (OpenAI
     * reports some failures that way, mid-stream too) becomes the mapped error.
     */
    private SourceJson readAnswer(Buffer body) {
        return readAnswer(body.getBytes());
    }

    private SourceJson readAnswer(byte[] body) {
        SourceJson source;
        try {
            source = SourceJson.parse(body);
        } catch (DecodeException e) {
            throw notAnObject(Buffer.buffer(body));
        }
        if (source.json().getValue("error") instanceof JsonObject) {
            throw errorFromBody(200, null, source.json().getJsonObject("error"));
        }
        return source;
    }

    private ProviderException notAnObject(Buffer body) {
        return new ProviderException(ErrorKind.MALFORMED_RESPONSE,
                "malformed response from provider '" + providerId + "': not a JSON object: " + truncate(body.toString()));
    }

    static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    /** Decodes OpenAI SSE: {@code data: {chunk}} events until {@code data: [DONE]}. */
    private final class Decoder extends SseStreamDecoder {
        private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

        /** Our chunks are what {@link ChatChunk#fromOpenAi} would answer as their own bytes anyway. */
        @Override
        protected boolean openAiPassThrough() {
            return true;
        }

        @Override
        protected ProviderException endedEarly() {
            return new ProviderException(ErrorKind.CONNECTION, "provider '" + providerId + "' closed the stream before [DONE]");
        }

        /** Parses the event's bytes where they are: one copy, kept by the chunk as its source. */
        @Override
        protected void onEvent(String event, byte[] data, int length, Consumer<ChatChunk> out) {
            if (done()) {
                return;
            }
            if (isDone(data, length)) {
                markDone();
                return;
            }
            onChunk(readAnswer(Arrays.copyOf(data, length)), out);
        }

        @Override
        protected void onEvent(String event, String payload, Consumer<ChatChunk> out) {
            if (done()) {
                return;
            }
            if ("[DONE]".equals(payload.trim())) {
                markDone();
                return;
            }
            onChunk(readAnswer(payload.getBytes(StandardCharsets.UTF_8)), out);
        }

        private void onChunk(SourceJson source, Consumer<ChatChunk> out) {
            try {
                out.accept(ChatChunk.fromOpenAi(source));
            } catch (IllegalArgumentException e) {
                throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "malformed stream chunk from provider '" + providerId + "': " + e.getMessage());
            }
        }

        /** {@code [DONE]} with any whitespace around it, as {@code payload.trim()} would see it. */
        private static boolean isDone(byte[] data, int length) {
            int from = 0;
            int to = length;
            while (from < to && (data[from] & 0xFF) <= ' ') {
                from++;
            }
            while (to > from && (data[to - 1] & 0xFF) <= ' ') {
                to--;
            }
            return Arrays.equals(data, from, to, DONE, 0, DONE.length);
        }
    }
}
