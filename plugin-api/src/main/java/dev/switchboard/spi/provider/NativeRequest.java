package dev.switchboard.spi.provider;

import dev.switchboard.spi.chat.RawJson;
import io.vertx.core.MultiMap;
import java.util.Objects;

/**
 * A client request in a public wire API other than the canonical one (OpenAI Chat Completions),
 * offered to the serving model's adapter so a provider that speaks that API natively can forward
 * it without translating it to the canonical shape and back
 * ({@link ProviderAdapter#buildNativeRequest}).
 *
 * @param api     the wire API, e.g. {@value #ANTHROPIC_MESSAGES}
 * @param body    the request body as the client sent it, parsed once with its bytes kept
 *                (e.g. the toolkit's {@code SourceJson.parse}); the adapter replaces only {@code model} ({@link RawJson#withModel})
 * @param headers the client's API-specific headers worth forwarding (e.g. {@code anthropic-beta}); never
 *                credentials: the front door filters them
 * @param stream  whether the client asked for a stream
 */
public record NativeRequest(String api, RawJson body, MultiMap headers, boolean stream) {
    /** Anthropic's Messages API ({@code POST /v1/messages}). */
    public static final String ANTHROPIC_MESSAGES = "anthropic-messages";

    public NativeRequest {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(body, "body");
        headers = headers == null ? MultiMap.caseInsensitiveMultiMap() : headers;
    }
}
