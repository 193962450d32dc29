package dev.switchboard.spi.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.Objects;

/**
 * An HTTP call for the engine to send; the adapter builds it, the engine does the I/O (pooling,
 * timeouts, breakers).
 *
 * @param method  HTTP method
 * @param url     absolute URL
 * @param headers request headers (secrets included; the engine never logs them)
 * @param body    request body, or null
 */
public record UpstreamRequest(HttpMethod method, String url, MultiMap headers, Buffer body) {
    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? MultiMap.caseInsensitiveMultiMap() : headers;
    }

    /** A JSON POST. */
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    public static UpstreamRequest postJson(String url, MultiMap headers, Buffer body) {
        MultiMap h = headers == null ? MultiMap.caseInsensitiveMultiMap() : headers;
        h.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
        return new UpstreamRequest(HttpMethod.POST, url, h, body);
    }
}
