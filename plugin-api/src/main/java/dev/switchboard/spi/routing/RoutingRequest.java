package dev.switchboard.spi.routing;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a router sees for one request.
 *
 * @param route    the route name the client asked for
 * @param request  the parsed request
 * @param features features computed once by the engine
 * @param catalog  every catalog model by id, in config order
 * @param metadata caller metadata: lower-cased request header names to values, plus {@code key-name}
 *                 when the caller authenticated
 */
public record RoutingRequest(String route, ChatRequest request, RequestFeatures features,
                             Map<String, ModelDescriptor> catalog, Map<String, String> metadata) {
    public RoutingRequest {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(catalog, "catalog");
        metadata = metadata == null ? Map.of() : metadata;
    }
}
