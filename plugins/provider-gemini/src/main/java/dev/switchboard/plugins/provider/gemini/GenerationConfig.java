package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Builds Gemini's {@code generationConfig}: a table of plain renames applied by one loop, plus the
 * named transforms for JSON mode and reasoning effort. Values are passed as given, never clamped:
 * ranges the parser does not check are Gemini's to reject.
 */
final class GenerationConfig {

    /**
     * One renamed parameter.
     *
     * @param openAi the OpenAI field (read from the body by the generic readers, named in errors)
     * @param gemini the {@code generationConfig} field
     * @param read   reads the value from the request and the OpenAI field name, null when unset
     */
    private record Param(String openAi, String gemini, BiFunction<ChatRequest, String, Object> read) {
    }

    private static final List<Param> TABLE = List.of(
            new Param("temperature", "temperature", (r, f) -> r.temperature()),
            new Param("top_p", "topP", (r, f) -> r.topP()),
            new Param("max_tokens", "maxOutputTokens", (r, f) -> r.maxTokens()),
            new Param("stop", "stopSequences", (r, f) -> r.stop().isEmpty() ? null : new JsonArray(r.stop())),
            new Param("n", "candidateCount", GenerationConfig::integer),
            new Param("presence_penalty", "presencePenalty", GenerationConfig::number),
            new Param("frequency_penalty", "frequencyPenalty", GenerationConfig::number),
            new Param("seed", "seed", GenerationConfig::integer));

    /** OpenAI {@code reasoning_effort} to a Gemini 2.5 thinking budget, as Google's own OpenAI endpoint maps it. */
    private static final Map<String, Integer> THINKING_BUDGETS = Map.of("none", 0, "low", 1024, "medium", 8192, "high", 24576);

    private GenerationConfig() {
    }

    /**
     * The {@code generationConfig} object; empty when the request sets nothing Gemini needs.
     *
     * @throws InvalidRequestException when a value has the wrong type or an unknown setting
     */
    static JsonObject build(ChatRequest request) {
        JsonObject config = new JsonObject();
        for (Param p : TABLE) {
            Object v = p.read().apply(request, p.openAi());
            if (v != null) {
                config.put(p.gemini(), v);
            }
        }
        responseFormat(request.responseFormat(), config);
        reasoningEffort(request.body().getValue("reasoning_effort"), config);
        return config;
    }

    private static void responseFormat(JsonObject format, JsonObject config) {
        String type = format == null ? "text" : String.valueOf(format.getValue("type"));
        switch (type) {
            case "text" -> { }
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonObject spec = GeminiJson.obj(format, "json_schema");
                JsonObject schema = spec == null ? null : GeminiJson.obj(spec, "schema");
                if (schema != null) {
                    config.put("responseSchema", GeminiSchema.toGemini(schema, "response_format.json_schema.schema"));
                }
            }
            default -> throw new InvalidRequestException("response_format.type",
                    "'response_format.type' must be text, json_object or json_schema, got '" + type + "'");
        }
    }

    private static void reasoningEffort(Object effort, JsonObject config) {
        if (effort == null) {
            return;
        }
        Integer budget = THINKING_BUDGETS.get(effort);
        if (budget == null) {
            throw new InvalidRequestException("reasoning_effort",
                    "'reasoning_effort' must be none, low, medium or high for Gemini, got " + effort);
        }
        config.put("thinkingConfig", new JsonObject().put("thinkingBudget", budget));
    }

    private static Object number(ChatRequest request, String field) {
        Object v = request.body().getValue(field);
        if (v != null && !(v instanceof Number)) {
            throw new InvalidRequestException(field, "'" + field + "' must be a number, got " + v);
        }
        return v;
    }

    private static Object integer(ChatRequest request, String field) {
        Object v = number(request, field);
        if (v != null && ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw new InvalidRequestException(field, "'" + field + "' must be an integer, got " + v);
        }
        return v == null ? null : ((Number) v).longValue();
    }
}
