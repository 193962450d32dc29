package dev.switchboard.engine.embeddings;

import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.resilience.Cancellation;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.resilience.UpstreamOperation;
import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Embeddings through the one pipeline ({@link ChatService#call}): the request is planned like a
 * chat request (routes, routers, fallbacks, breakers, keys and budgets, cost, decision log) with
 * the {@code embeddings} capability required, and the answer is written in OpenAI's shape. Shared
 * by the HTTP and event-bus front doors.
 */
public final class EmbeddingsService {
    private final ChatService service;

    public EmbeddingsService(ChatService service) {
        this.service = service;
    }

    /** The pipeline the request goes through (for the gate). */
    public ChatService pipeline() {
        return service;
    }

    /** Serves one embeddings request; {@code cancellation} aborts it when the client goes away. */
    public Future<ChatService.CallResult<EmbeddingResponse>> embed(EmbeddingRequest request, ChatRequest routing,
                                                                   Map<String, String> metadata, Cancellation cancellation) {
        return service.call(routing, Capability.EMBEDDINGS, metadata, new Operation(request), (r, plan) -> usage(r, request, plan),
                cancellation);
    }

    /**
     * The request as routers and the planner see it: one user message holding the input texts, so
     * a keyword or complexity route over embedding models decides on the text.
     */
    public static ChatRequest routingView(EmbeddingRequest request) {
        String text = request.tokenInput() ? "" : String.join("\n\n", request.texts());
        return new ChatRequest(new JsonObject().put("model", request.model()), request.model(), List.of(ChatMessage.of("user", text)),
                false, false, null, null, null, null, null, null, null, request.user());
    }

    /** The upstream's usage, else the token count of the input (estimated for text): embeddings are costed like chat. */
    static Usage usage(EmbeddingResponse r, EmbeddingRequest request, RoutePlan plan) {
        if (r.usage() != null && r.usage().promptTokens() > 0) {
            return r.usage();
        }
        if (request.tokenInput()) {
            return Usage.of(request.tokens().stream().mapToInt(t -> t.length).sum(), 0);
        }
        return Usage.of(plan.features().estimatedInputTokens(), 0);
    }

    /** OpenAI's embeddings answer; {@code model} is the catalog model that served. */
    public static JsonObject toOpenAi(ChatService.CallResult<EmbeddingResponse> result, boolean base64) {
        JsonArray data = new JsonArray();
        List<float[]> vectors = result.served().value().vectors();
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new JsonObject().put("object", "embedding").put("index", i)
                    .put("embedding", base64 ? base64(vectors.get(i)) : floats(vectors.get(i))));
        }
        Usage u = result.usage();
        JsonObject usage = new JsonObject().put("prompt_tokens", u == null ? 0 : u.promptTokens())
                .put("total_tokens", u == null ? 0 : u.promptTokens());
        if (u != null && u.cost() != null) {
            usage.put("cost", u.cost());
        }
        return new JsonObject().put("object", "list").put("data", data).put("model", result.served().model().id()).put("usage", usage);
    }

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray(new java.util.ArrayList<>(v.length));
        for (float f : v) {
            a.add(f);
        }
        return a;
    }

    /** OpenAI's base64 encoding: the float32 values, little-endian. */
    static String base64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The embeddings call through each candidate's adapter. */
    private record Operation(EmbeddingRequest request) implements UpstreamOperation<EmbeddingResponse> {
        @Override
        public UpstreamRequest build(ProviderAdapter adapter, ModelDescriptor model) {
            return adapter.buildEmbeddingsRequest(request, model);
        }

        @Override
        public EmbeddingResponse decode(ProviderAdapter adapter, Buffer body, ModelDescriptor model) {
            EmbeddingResponse r = adapter.decodeEmbeddings(body, request, model);
            if (r.vectors().size() != request.size()) {
                throw new dev.switchboard.spi.provider.ProviderException(dev.switchboard.spi.provider.ErrorKind.MALFORMED_RESPONSE,
                        "provider of model '" + model.id() + "' answered " + r.vectors().size() + " embeddings for " + request.size() + " inputs");
            }
            return r;
        }
    }
}
