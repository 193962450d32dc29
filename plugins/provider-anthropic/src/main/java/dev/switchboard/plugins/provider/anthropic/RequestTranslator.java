package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.JsonObject;

/**
 * Builds the Anthropic Messages body from a canonical request: the messages and tools by their
 * named transforms, everything else by the {@link ParameterTable}. OpenAI fields with no
 * Anthropic counterpart that only tune sampling (penalties, seed, logit bias) are left out; fields
 * whose absence would change the answer's shape are rejected.
 */
final class RequestTranslator {
    private RequestTranslator() {
    }

    /**
     * Translates the request for {@code model}.
     *
     * @throws InvalidRequestException when the request cannot be expressed in the Messages API
     */
    static JsonObject translate(ChatRequest request, ModelDescriptor model) {
        rejectUnsupported(request);
        MessageTranslator.Translated translated = MessageTranslator.translate(request.messages());
        JsonObject body = new JsonObject().put("model", model.upstreamModel());
        if (translated.system() != null) {
            body.put("system", translated.system());
        }
        body.put("messages", translated.messages());
        ParameterTable.apply(ParameterTable.ANTHROPIC, request, model, body);
        if (request.hasTools()) {
            body.put("tools", ToolTranslator.tools(request.tools()));
            JsonObject choice = ToolTranslator.toolChoice(request.toolChoice(), request.body().getValue("parallel_tool_calls"));
            if (choice != null) {
                body.put("tool_choice", choice);
            }
        }
        return body;
    }

    private static void rejectUnsupported(ChatRequest request) {
        Object n = request.body().getValue("n");
        if (n != null && !(n instanceof Number && ((Number) n).doubleValue() == 1.0)) {
            throw new InvalidRequestException("n", "'n' must be 1 for Anthropic models, which return one choice per call; got " + n);
        }
        if (request.wantsJson()) {
            throw new InvalidRequestException("response_format", "response_format '" + request.responseFormat().getString("type")
                    + "' is not supported by the anthropic provider; describe the JSON in the prompt or use a tool instead");
        }
    }
}
