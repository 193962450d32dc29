package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.ToolCall;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a non-streamed {@code GenerateContentResponse} into an OpenAI {@code chat.completion}.
 *
 * <p>Gemini gives function calls no ids, so each gets {@code call_<n>} (n counting the calls of
 * the choice from 0). Ids repeat across turns; that is harmless here because a later tool result
 * is matched to the nearest earlier call with its id. A prompt blocked by Gemini's filters (no
 * candidates, {@code promptFeedback.blockReason}) is a {@code CONTENT_FILTER} error rather than an
 * empty answer, so the client sees why and the engine does not bill or retry it.
 */
final class GeminiResponseTranslator {

    private final String providerId;
    private final GeminiErrorMapper errors;

    GeminiResponseTranslator(String providerId, GeminiErrorMapper errors) {
        this.providerId = providerId;
        this.errors = errors;
    }

    /**
     * Translates the parsed body.
     *
     * @param upstreamModel reported as the model when Gemini sends no {@code modelVersion}
     * @throws ProviderException for an error body, a blocked prompt or a malformed body
     */
    ChatResponse translate(JsonObject json, String upstreamModel) {
        GeminiCandidates.failIfError(json, errors);
        List<GeminiCandidates.Candidate> candidates = GeminiCandidates.read(json, providerId);
        if (candidates.isEmpty()) {
            throw GeminiJson.malformed(providerId, "response has no candidates: " + GeminiJson.truncate(json.encode()));
        }
        List<ChatResponse.Choice> choices = new ArrayList<>(candidates.size());
        for (GeminiCandidates.Candidate c : candidates) {
            choices.add(choice(c));
        }
        return new ChatResponse(GeminiCandidates.id(json), GeminiCandidates.model(json, upstreamModel),
                System.currentTimeMillis() / 1000, choices, GeminiCandidates.usage(json), null);
    }

    private static ChatResponse.Choice choice(GeminiCandidates.Candidate c) {
        List<ToolCall> calls = new ArrayList<>(c.calls().size());
        for (int i = 0; i < c.calls().size(); i++) {
            calls.add(new ToolCall(toolCallId(i), c.calls().get(i).name(), c.calls().get(i).arguments()));
        }
        String finish = GeminiCandidates.finishReason(c.finishReason() == null ? "STOP" : c.finishReason(), !calls.isEmpty());
        return new ChatResponse.Choice(c.index(), c.text(), calls, finish, null);
    }

    /** The id given to the n-th function call of a choice (streams use the same scheme). */
    static String toolCallId(int n) {
        return "call_" + n;
    }
}
