package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.Usage;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads a {@code GenerateContentResponse} (a whole answer or one stream event) into plain values;
 * shared by {@link GeminiResponseTranslator} and {@link GeminiStreamDecoder} so both read Gemini
 * the same way.
 */
final class GeminiCandidates {

    /**
     * A function call as OpenAI carries it.
     *
     * @param name      the function name
     * @param arguments the arguments as a JSON string
     */
    record FunctionCall(String name, String arguments) {
    }

    /**
     * One candidate's content.
     *
     * @param index        the candidate index (OpenAI choice index)
     * @param text         the text parts joined (thought summaries excluded), or null when there is none
     * @param calls        the function calls, in order
     * @param finishReason Gemini's finish reason, or null while a stream goes on
     */
    record Candidate(int index, String text, List<FunctionCall> calls, String finishReason) {
    }

    /** Gemini finish reasons with an OpenAI counterpart; any other reason maps to {@code stop}. */
    private static final Map<String, String> FINISH_REASONS = Map.of(
            "STOP", "stop", "MAX_TOKENS", "length", "SAFETY", "content_filter", "RECITATION", "content_filter",
            "BLOCKLIST", "content_filter", "PROHIBITED_CONTENT", "content_filter", "SPII", "content_filter",
            "IMAGE_SAFETY", "content_filter");

    private GeminiCandidates() {
    }

    /**
     * The candidates of a response or event; empty when it has none.
     *
     * @throws ProviderException ({@link ErrorKind#MALFORMED_RESPONSE}) when they are ill-typed
     */
    static List<Candidate> read(JsonObject response, String providerId) {
        Object cs = response.getValue("candidates");
        if (cs == null) {
            return List.of();
        }
        if (!(cs instanceof JsonArray)) {
            throw GeminiJson.malformed(providerId, "'candidates' is not an array");
        }
        List<Candidate> out = new ArrayList<>();
        JsonArray array = (JsonArray) cs;
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject)) {
                throw GeminiJson.malformed(providerId, "candidates[" + i + "] is not an object");
            }
            out.add(candidate(array.getJsonObject(i), i, providerId));
        }
        return out;
    }

    private static Candidate candidate(JsonObject c, int position, String providerId) {
        JsonObject content = GeminiJson.obj(c, "content");
        JsonArray parts = content == null ? null : GeminiJson.arr(content, "parts");
        StringBuilder text = null;
        List<FunctionCall> calls = new ArrayList<>();
        for (Object o : parts == null ? new JsonArray() : parts) {
            JsonObject part = o instanceof JsonObject ? (JsonObject) o : new JsonObject();
            if (part.getValue("text") instanceof String && !Boolean.TRUE.equals(part.getValue("thought"))) {
                text = (text == null ? new StringBuilder() : text).append(part.getString("text"));
            }
            JsonObject fc = GeminiJson.obj(part, "functionCall");
            if (fc != null) {
                calls.add(functionCall(fc, providerId));
            }
        }
        Object index = c.getValue("index");
        return new Candidate(index instanceof Number ? ((Number) index).intValue() : position,
                text == null ? null : text.toString(), calls, GeminiJson.str(c.getValue("finishReason")));
    }

    private static FunctionCall functionCall(JsonObject fc, String providerId) {
        String name = GeminiJson.str(fc.getValue("name"));
        if (name == null) {
            throw GeminiJson.malformed(providerId, "functionCall without a name");
        }
        JsonObject args = GeminiJson.obj(fc, "args");
        return new FunctionCall(name, (args == null ? new JsonObject() : args).encode());
    }

    /**
     * The OpenAI finish reason, or null for null. A stop with function calls is {@code tool_calls};
     * unknown reasons ({@code OTHER}, {@code MALFORMED_FUNCTION_CALL}...) are {@code stop}.
     */
    static String finishReason(String gemini, boolean hasCalls) {
        if (gemini == null) {
            return null;
        }
        String reason = FINISH_REASONS.getOrDefault(gemini, "stop");
        return hasCalls && "stop".equals(reason) ? "tool_calls" : reason;
    }

    /**
     * The usage in OpenAI terms, or null without {@code usageMetadata}. Thinking tokens are billed as
     * output, so they count as completion; tool-use prompt tokens count as prompt.
     */
    static Usage usage(JsonObject response) {
        JsonObject u = GeminiJson.obj(response, "usageMetadata");
        if (u == null) {
            return null;
        }
        int prompt = GeminiJson.intOf(u, "promptTokenCount") + GeminiJson.intOf(u, "toolUsePromptTokenCount");
        int completion = GeminiJson.intOf(u, "candidatesTokenCount") + GeminiJson.intOf(u, "thoughtsTokenCount");
        return new Usage(prompt, completion, Math.min(prompt, GeminiJson.intOf(u, "cachedContentTokenCount")), null);
    }

    /** Throws the error a response or event carries instead of candidates ({@code error}, a blocked prompt). */
    static void failIfError(JsonObject response, GeminiErrorMapper errors) {
        JsonObject error = GeminiJson.obj(response, "error");
        if (error != null) {
            throw errors.fromError(0, null, error);
        }
        JsonObject feedback = GeminiJson.obj(response, "promptFeedback");
        String blockReason = feedback == null ? null : GeminiJson.str(feedback.getValue("blockReason"));
        JsonArray candidates = GeminiJson.arr(response, "candidates");
        if (blockReason != null && (candidates == null || candidates.isEmpty())) {
            String detail = GeminiJson.str(feedback.getValue("blockReasonMessage"));
            throw new ProviderException(ErrorKind.CONTENT_FILTER, 0, blockReason,
                    "Gemini blocked the prompt (blockReason " + blockReason + ")" + (detail == null ? "" : ": " + detail), null);
        }
    }

    /** The response id Gemini sent, or a fresh one. */
    static String id(JsonObject response) {
        String id = GeminiJson.str(response.getValue("responseId"));
        return id != null ? id : "chatcmpl-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** The model version Gemini reports, or the upstream model asked for. */
    static String model(JsonObject response, String upstreamModel) {
        String version = GeminiJson.str(response.getValue("modelVersion"));
        return version != null ? version : upstreamModel;
    }
}
