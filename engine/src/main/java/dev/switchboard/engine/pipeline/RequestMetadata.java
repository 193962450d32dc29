package dev.switchboard.engine.pipeline;

import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Caller metadata for routers and records, the same for both front doors (HTTP headers, event-bus headers). */
public final class RequestMetadata {
    private RequestMetadata() {
    }

    /**
     * Lower-cased header names to their first value, credentials removed (routers and the decision
     * log see this map), and a request id: the caller's {@code x-request-id} or a new one.
     */
    public static Map<String, String> from(MultiMap headers) {
        Map<String, String> meta = new HashMap<>();
        headers.forEach(e -> meta.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        meta.remove("authorization");
        meta.remove("x-api-key");
        meta.computeIfAbsent(ChatService.REQUEST_ID, k -> RequestIds.next());
        return meta;
    }
}
