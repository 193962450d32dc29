package dev.switchboard.spi.chat;

import io.vertx.core.json.JsonObject;

/**
 * Token usage of one call, in OpenAI's terms.
 *
 * @param promptTokens     input tokens, cached ones included
 * @param completionTokens output tokens
 * @param cachedTokens     input tokens served from the provider's prompt cache (0 when none)
 * @param cost             the exact USD cost reported by the upstream (e.g. OpenRouter), or null
 */
public record Usage(int promptTokens, int completionTokens, int cachedTokens, Double cost) {

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Usage without cache or cost information. */
    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, 0, null);
    }

    /** Input plus output tokens. */
    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    /** This usage with the given cost. */
    public Usage withCost(Double cost) {
        return new Usage(promptTokens, completionTokens, cachedTokens, cost);
    }

    /** OpenAI's {@code usage} object; {@code cost} is added when known. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", totalTokens());
        if (cachedTokens > 0) {
            json.put("prompt_tokens_details", new JsonObject().put("cached_tokens", cachedTokens));
        }
        if (cost != null) {
            json.put("cost", cost);
        }
        return json;
    }

    /** Reads OpenAI's {@code usage} object (and OpenRouter's {@code cost}); null in, null out. */
    public static Usage fromOpenAiJson(JsonObject json) {
        if (json == null) {
            return null;
        }
        int cached = 0;
        JsonObject details = json.getValue("prompt_tokens_details") instanceof JsonObject
                ? json.getJsonObject("prompt_tokens_details") : null;
        if (details != null && details.getValue("cached_tokens") instanceof Number) {
            cached = details.getInteger("cached_tokens");
        }
        Object cost = json.getValue("cost");
        return new Usage(intOf(json.getValue("prompt_tokens")), intOf(json.getValue("completion_tokens")), cached,
                cost instanceof Number ? ((Number) cost).doubleValue() : null);
    }

    private static int intOf(Object v) {
        return v instanceof Number ? Math.max(0, ((Number) v).intValue()) : 0;
    }
}
