package dev.switchboard.engine.routing;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.Future;
import java.util.List;

/** How a request's routers reach the engine's pipeline for a completion (the chat service implements it). */
@FunctionalInterface
public interface RoutingCalls {

    /**
     * Serves {@code request} (its {@code model} already set to the model or route wanted) as an
     * ordinary non-streaming request of the same caller.
     *
     * @param chain the routes deciding, outermost first, the asking route last
     */
    Future<Answer> complete(ChatRequest request, List<String> chain);

    /**
     * A routing call's answer.
     *
     * @param response the response
     * @param usage    its usage, or null when the upstream reported none
     * @param cost     its USD cost, or null when unknown
     */
    record Answer(ChatResponse response, Usage usage, Double cost) {
    }
}
