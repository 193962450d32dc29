package dev.switchboard.engine.responses;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.toolkit.stream.SseStreamDecoder;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes an upstream's own Responses API stream into canonical chunks, so the run (commit on first
 * content, fallback before it, stall timer) treats it like any stream and {@link ResponseStream}
 * writes the client's events: text deltas become content, function-call items and their argument
 * deltas become tool-call fragments, {@code response.completed}/{@code response.incomplete} the
 * finish reason and usage (and the end), {@code response.failed} and {@code error} upstream errors.
 */
final class NativeStreamDecoder extends SseStreamDecoder {
    private final String modelId;
    private int toolIndex = -1;

    NativeStreamDecoder(String modelId) {
        this.modelId = modelId;
    }

    @Override
    protected void onEvent(String event, String data, Consumer<ChatChunk> out) {
        if (done() || data.isBlank()) {
            return;
        }
        JsonObject e;
        try {
            e = new JsonObject(data);
        } catch (DecodeException bad) {
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "model '" + modelId + "' sent a Responses event that is not JSON");
        }
        switch (e.getString("type", event)) {
            case "response.output_text.delta" -> out.accept(delta(e.getString("delta"), List.of(), null));
            case "response.output_item.added" -> {
                JsonObject item = e.getJsonObject("item", new JsonObject());
                if ("function_call".equals(item.getString("type"))) {
                    toolIndex++;
                    out.accept(delta(null, List.of(new ChatChunk.ToolCallDelta(toolIndex, item.getString("call_id"),
                            item.getString("name"), item.getString("arguments", ""))), null));
                }
            }
            case "response.function_call_arguments.delta" -> out.accept(delta(null,
                    List.of(new ChatChunk.ToolCallDelta(Math.max(toolIndex, 0), null, null, e.getString("delta"))), null));
            case "response.completed", "response.incomplete" -> finish(e.getJsonObject("response", new JsonObject()), out);
            case "response.failed", "error" -> throw failure(e);
            default -> {
                // created, in_progress, content parts, done events: the client's events are rebuilt from the deltas
            }
        }
    }

    private void finish(JsonObject response, Consumer<ChatChunk> out) {
        String reason = toolIndex >= 0 ? "tool_calls" : "stop";
        if ("incomplete".equals(response.getString("status"))) {
            JsonObject details = response.getJsonObject("incomplete_details", new JsonObject());
            reason = "content_filter".equals(details.getString("reason")) ? "content_filter" : "length";
        }
        out.accept(delta(null, List.of(), reason));
        Usage usage = ResponseObjects.usageOf(response);
        if (usage != null) {
            out.accept(ChatChunk.usageOnly("resp-stream", modelId, System.currentTimeMillis() / 1000, usage));
        }
        markDone();
    }

    private ProviderException failure(JsonObject e) {
        JsonObject error = e.getValue("error") instanceof JsonObject ? e.getJsonObject("error")
                : e.getJsonObject("response", new JsonObject()).getJsonObject("error", e);
        String code = error.getValue("code") == null ? null : String.valueOf(error.getValue("code"));
        ErrorKind kind = "rate_limit_exceeded".equals(code) ? ErrorKind.RATE_LIMITED
                : "context_length_exceeded".equals(code) ? ErrorKind.CONTEXT_LENGTH : ErrorKind.UPSTREAM_5XX;
        return new ProviderException(kind, 0, code, error.getString("message", "the Responses stream failed"), null);
    }

    private ChatChunk delta(String content, List<ChatChunk.ToolCallDelta> calls, String finish) {
        return new ChatChunk("resp-stream", modelId, System.currentTimeMillis() / 1000,
                List.of(new ChatChunk.Delta(0, null, content, calls, finish)), null);
    }

    @Override
    protected ProviderException endedEarly() {
        return new ProviderException(ErrorKind.CONNECTION, "model '" + modelId + "' closed its Responses stream before response.completed");
    }
}
