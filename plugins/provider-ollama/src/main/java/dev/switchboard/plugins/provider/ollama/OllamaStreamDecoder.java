package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ToolCall;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.toolkit.stream.LineReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes Ollama's NDJSON chat stream: one JSON object per line carrying a {@code message.content}
 * delta (or whole tool calls), until the {@code "done": true} line with the finish reason and the
 * token counts, which becomes a finish chunk and a usage-only chunk. One decoder per stream.
 */
final class OllamaStreamDecoder implements StreamDecoder {

    private final LineReader lines = new LineReader();
    private final OllamaContentReader fast = new OllamaContentReader();
    /** One line handler for the stream's life; {@link #out} is set while it may run. */
    private final LineReader.BytesHandler onLine = this::onLine;
    private Consumer<ChatChunk> out;
    private final OllamaResponses responses;
    private final ModelDescriptor model;
    private String id;
    private String modelName;
    private long created;
    private boolean roleSent;
    private int toolCallCount;
    private boolean done;

    OllamaStreamDecoder(OllamaResponses responses, ModelDescriptor model) {
        this.responses = responses;
        this.model = model;
    }

    @Override
    public void feed(Buffer data, Consumer<ChatChunk> out) {
        this.out = out;
        try {
            lines.feedBytes(data, onLine);
        } finally {
            this.out = null;
        }
    }

    @Override
    public void end(Consumer<ChatChunk> out) {
        this.out = out;
        try {
            lines.endBytes(onLine);
        } finally {
            this.out = null;
        }
        if (!done) {
            throw new ProviderException(ErrorKind.CONNECTION, "Ollama closed the stream before its final \"done\": true line");
        }
    }

    @Override
    public boolean done() {
        return done;
    }

    /** A content line after the first is read from its bytes ({@link #fast}); any other line the full way. */
    private void onLine(byte[] line, int length) {
        if (done) {
            return;
        }
        if (id != null && fast.read(line, length)) {
            if (fast.content != null && !fast.content.isEmpty()) {
                emit(out, fast.content, List.of(), null);
            }
            return;
        }
        onLine(new String(line, 0, length, StandardCharsets.UTF_8), out);
    }

    private void onLine(String line, Consumer<ChatChunk> out) {
        if (done || line.isBlank()) {
            return;
        }
        JsonObject json = responses.parse(line);
        if (id == null) {
            id = responses.newResponseId();
            modelName = OllamaResponses.model(json, model);
            created = OllamaResponses.created(json);
        }
        JsonObject message = json.getValue("message") instanceof JsonObject ? json.getJsonObject("message") : new JsonObject();
        Object content = message.getValue("content");
        if (content instanceof String && !((String) content).isEmpty()) {
            emit(out, (String) content, List.of(), null);
        }
        List<ToolCall> calls = responses.toolCalls(message);
        if (!calls.isEmpty()) {
            emit(out, null, toolCallDeltas(calls), null);
        }
        if (Boolean.TRUE.equals(json.getValue("done"))) {
            done = true;
            emit(out, null, List.of(), OllamaResponses.finishReason(json.getValue("done_reason"), toolCallCount > 0));
            out.accept(ChatChunk.usageOnly(id, modelName, created, OllamaResponses.usage(json)));
        }
    }

    /** Ollama sends each tool call whole, so one fragment carries id, name and all arguments. */
    private List<ChatChunk.ToolCallDelta> toolCallDeltas(List<ToolCall> calls) {
        List<ChatChunk.ToolCallDelta> deltas = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            deltas.add(new ChatChunk.ToolCallDelta(toolCallCount++, call.id(), call.name(), call.arguments()));
        }
        return deltas;
    }

    private void emit(Consumer<ChatChunk> out, String content, List<ChatChunk.ToolCallDelta> toolCalls, String finishReason) {
        String role = roleSent ? null : "assistant";
        roleSent = true;
        ChatChunk.Delta delta = new ChatChunk.Delta(0, role, content, toolCalls, finishReason);
        out.accept(new ChatChunk(id, modelName, created, List.of(delta), null));
    }
}
