package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.toolkit.stream.SseStreamDecoder;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes {@code streamGenerateContent?alt=sse}: every {@code data:} event is a whole
 * {@code GenerateContentResponse} holding the next piece of each candidate. There is no
 * {@code [DONE]}; the stream is complete once a candidate has a {@code finishReason}, and the
 * connection closing before that is a {@code CONNECTION} error. Gemini repeats
 * {@code usageMetadata} on events; the last one seen is sent as a usage-only chunk at the end.
 * Function calls arrive whole, so each becomes one tool-call delta with id, name and all arguments.
 */
final class GeminiStreamDecoder extends SseStreamDecoder {

    private final String providerId;
    private final String upstreamModel;
    private final GeminiErrorMapper errors;
    private final long created = System.currentTimeMillis() / 1000;
    private final Set<Integer> started = new HashSet<>();
    private final Map<Integer, Integer> callCounts = new HashMap<>();
    private String id;
    private String model;
    private Usage usage;

    GeminiStreamDecoder(String providerId, String upstreamModel, GeminiErrorMapper errors) {
        this.providerId = providerId;
        this.upstreamModel = upstreamModel;
        this.errors = errors;
    }

    @Override
    protected ProviderException endedEarly() {
        return new ProviderException(ErrorKind.CONNECTION, "Gemini provider '" + providerId + "' closed the stream before a finishReason");
    }

    @Override
    protected void onEnd(Consumer<ChatChunk> out) {
        if (usage != null) {
            out.accept(ChatChunk.usageOnly(id, model, created, usage));
        }
    }

    @Override
    protected void onEvent(String event, String payload, Consumer<ChatChunk> out) {
        if (payload.isBlank()) {
            return;
        }
        JsonObject json = GeminiJson.parseObject(payload, providerId, "stream event");
        GeminiCandidates.failIfError(json, errors);
        if (id == null) {
            id = GeminiCandidates.id(json);
            model = GeminiCandidates.model(json, upstreamModel);
        }
        Usage u = GeminiCandidates.usage(json);
        usage = u != null ? u : usage;
        List<ChatChunk.Delta> deltas = new ArrayList<>();
        for (GeminiCandidates.Candidate c : GeminiCandidates.read(json, providerId)) {
            ChatChunk.Delta d = delta(c);
            if (d != null) {
                deltas.add(d);
            }
        }
        if (!deltas.isEmpty()) {
            out.accept(new ChatChunk(id, model, created, deltas, null));
        }
    }

    /** The delta for one candidate's piece, or null when it carries nothing a client would see. */
    private ChatChunk.Delta delta(GeminiCandidates.Candidate c) {
        List<ChatChunk.ToolCallDelta> calls = new ArrayList<>(c.calls().size());
        int seen = callCounts.getOrDefault(c.index(), 0);
        for (GeminiCandidates.FunctionCall call : c.calls()) {
            calls.add(new ChatChunk.ToolCallDelta(seen, GeminiResponseTranslator.toolCallId(seen), call.name(), call.arguments()));
            seen++;
        }
        callCounts.put(c.index(), seen);
        String finish = GeminiCandidates.finishReason(c.finishReason(), seen > 0);
        if (finish != null) {
            markDone();
        }
        String text = c.text() == null || c.text().isEmpty() ? null : c.text();
        if (text == null && calls.isEmpty() && finish == null) {
            return null;
        }
        String role = started.add(c.index()) ? "assistant" : null;
        return new ChatChunk.Delta(c.index(), role, text, calls, finish);
    }
}
