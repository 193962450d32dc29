package dev.switchboard.engine.pipeline;

import dev.switchboard.spi.chat.ChatRequest;
import java.util.Map;

/**
 * Starts the trace of each request the pipeline serves. Declared here so the pipeline does not
 * depend on tracing; the tracing package's {@code Tracing} is one.
 */
@FunctionalInterface
public interface RequestTracer {
    /** Traces nothing: every request gets {@link RequestTrace#NONE}. */
    RequestTracer OFF = (operation, request, metadata, stream) -> RequestTrace.NONE;

    /**
     * Starts the span of one request (the caller's {@code traceparent}/{@code tracestate} in
     * {@code metadata} make it a child of the caller's span). Called on the event loop; never blocks.
     *
     * @param operation the GenAI operation: {@value RequestTrace#CHAT} or {@value RequestTrace#EMBEDDINGS}
     * @param request   the request as the planner sees it (its {@code model} is what the client asked for)
     * @param metadata  the caller's lower-cased headers (HTTP or event-bus message)
     * @param stream    whether the client streams
     */
    RequestTrace start(String operation, ChatRequest request, Map<String, String> metadata, boolean stream);
}
