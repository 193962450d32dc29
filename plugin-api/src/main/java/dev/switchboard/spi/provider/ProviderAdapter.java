package dev.switchboard.spi.provider;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.embeddings.EmbeddingRequest;
import dev.switchboard.spi.embeddings.EmbeddingResponse;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;

/**
 * Translates between the canonical (OpenAI) chat shape and one provider's API. Pure translation:
 * the engine sends the requests, so adapters do no I/O and are tested with golden fixtures.
 * Instances are shared by every event loop and must be thread-safe.
 */
public interface ProviderAdapter {

    /**
     * Builds the upstream call for a request (streaming when {@link ChatRequest#stream()}).
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException when the request cannot be expressed in this API
     */
    UpstreamRequest buildRequest(ChatRequest request, ModelDescriptor model);

    /**
     * Translates a 2xx non-streaming body.
     *
     * @throws ProviderException ({@link ErrorKind#MALFORMED_RESPONSE}) when the body is not what the API promises
     */
    ChatResponse decodeResponse(Buffer body, ModelDescriptor model);

    /** A fresh decoder for one 2xx streaming body. */
    StreamDecoder streamDecoder(ModelDescriptor model);

    /** Maps a non-2xx upstream answer to a normalised error (kind, message, Retry-After). */
    ProviderException mapError(int status, MultiMap headers, Buffer body);

    /**
     * Builds the upstream call for a request in another wire API that this provider speaks
     * natively, or returns null when it does not (the engine then calls {@link #buildRequest} with
     * the canonical translation). The call forwards {@link NativeRequest#body()} with only
     * {@code model} replaced by {@link ModelDescriptor#upstreamModel()}.
     *
     * <p>An adapter answers non-null only for an API whose 2xx answers its own
     * {@link #decodeResponse} and {@link #streamDecoder} read: the engine forwards the upstream's
     * bytes to the client as they came, and decodes them besides for usage, cost and the
     * first-content commit of a stream.
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException when the body cannot be forwarded
     */
    default UpstreamRequest buildNativeRequest(NativeRequest request, ModelDescriptor model) {
        return null;
    }

    /**
     * Builds the upstream call for an embeddings request. The default says the provider type has
     * no embeddings; adapters that have them override this and {@link #decodeEmbeddings}.
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException when the request cannot be expressed in this API
     */
    default UpstreamRequest buildEmbeddingsRequest(EmbeddingRequest request, ModelDescriptor model) {
        throw new dev.switchboard.spi.chat.InvalidRequestException("model", "model '" + model.id()
                + "' is served by a provider type without embeddings support");
    }

    /**
     * Translates a 2xx embeddings body: one vector per input, in input order.
     *
     * @param request the request the call was built from (the input count, the dimensions asked for)
     * @throws ProviderException ({@link ErrorKind#MALFORMED_RESPONSE}) when the body is not what the API promises
     */
    default EmbeddingResponse decodeEmbeddings(Buffer body, EmbeddingRequest request, ModelDescriptor model) {
        throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "this provider type has no embeddings");
    }

    /**
     * The call for an OpenAI Responses API request when the upstream serves that API natively
     * (OpenAI itself; an OpenAI-compatible provider configured so). The default is empty: the
     * engine translates the request to Chat Completions and calls {@link #buildRequest}.
     *
     * @param body the Responses request to send, conversation state already expanded, {@code model}
     *             still the client's (replace it with the model's upstream name)
     */
    default Optional<UpstreamRequest> buildResponsesRequest(io.vertx.core.json.JsonObject body, ModelDescriptor model) {
        return Optional.empty();
    }

    /** The call that lists the provider's models, when it supports discovery. */
    default Optional<UpstreamRequest> discoveryRequest() {
        return Optional.empty();
    }

    /** Translates the discovery answer into catalog entries. */
    default List<ModelDescriptor> decodeDiscovery(Buffer body) {
        return List.of();
    }

    /**
     * The message for a connection failure, e.g. naming the base URL and how to start the server.
     *
     * @param cause the transport error's message
     */
    default String connectionErrorMessage(String cause) {
        return cause;
    }

    /**
     * Releases what this adapter holds (native sessions, files, threads). The engine calls it once, off the
     * event loop, when the routing table that created it is retired (a config change or reload: once the new table
     * is swapped in and the in-flight requests had {@code server.shutdown-timeout-ms} to finish) and at shutdown
     * (after the in-flight requests drained); an adapter built only to validate a change is closed at once.
     * Failures are logged and never stop the engine; the default does nothing.
     */
    default void close() {
    }
}
