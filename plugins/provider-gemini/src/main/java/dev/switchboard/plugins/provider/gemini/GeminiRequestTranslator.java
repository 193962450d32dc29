package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Builds the Gemini {@code GenerateContentRequest} body from an OpenAI request: {@code contents}
 * and {@code systemInstruction} ({@link GeminiContents}), {@code generationConfig}
 * ({@link GenerationConfig}), {@code tools} and {@code toolConfig}. OpenAI fields with no Gemini
 * counterpart ({@code user}, {@code parallel_tool_calls}, {@code logit_bias}...) are not sent.
 */
final class GeminiRequestTranslator {

    /** OpenAI {@code tool_choice} strings to {@code functionCallingConfig.mode}. */
    private static final Map<String, String> TOOL_MODES = Map.of("auto", "AUTO", "none", "NONE", "required", "ANY");

    /**
     * Translates the request (streaming or not: the body is the same, only the URL differs).
     *
     * @throws InvalidRequestException when the request cannot be expressed for Gemini
     */
    JsonObject translate(ChatRequest request) {
        GeminiContents.Turns turns = GeminiContents.translate(request.messages());
        JsonObject body = new JsonObject().put("contents", turns.contents());
        if (!turns.system().isEmpty()) {
            body.put("systemInstruction", new JsonObject().put("parts", turns.system()));
        }
        if (request.hasTools()) {
            body.put("tools", new JsonArray().add(new JsonObject().put("functionDeclarations", declarations(request.tools()))));
            if (request.toolChoice() != null) {
                body.put("toolConfig", new JsonObject().put("functionCallingConfig", functionCallingConfig(request.toolChoice())));
            }
        }
        JsonObject config = GenerationConfig.build(request);
        if (!config.isEmpty()) {
            body.put("generationConfig", config);
        }
        return body;
    }

    private static JsonArray declarations(JsonArray tools) {
        JsonArray out = new JsonArray();
        for (int i = 0; i < tools.size(); i++) {
            JsonObject fn = tools.getJsonObject(i).getJsonObject("function");
            JsonObject decl = new JsonObject().put("name", fn.getString("name"));
            if (fn.getValue("description") instanceof String) {
                decl.put("description", fn.getString("description"));
            }
            JsonObject params = GeminiJson.obj(fn, "parameters");
            // Gemini rejects an OBJECT schema without properties: a function without parameters omits them.
            if (params != null && !hasNoProperties(params)) {
                decl.put("parameters", GeminiSchema.toGemini(params, "tools[" + i + "].function.parameters"));
            }
            out.add(decl);
        }
        return out;
    }

    private static boolean hasNoProperties(JsonObject params) {
        JsonObject props = GeminiJson.obj(params, "properties");
        return "object".equals(params.getValue("type")) && (props == null || props.isEmpty());
    }

    private static JsonObject functionCallingConfig(Object choice) {
        if (choice instanceof String && TOOL_MODES.containsKey(choice)) {
            return new JsonObject().put("mode", TOOL_MODES.get(choice));
        }
        JsonObject fn = choice instanceof JsonObject ? GeminiJson.obj((JsonObject) choice, "function") : null;
        String name = fn == null ? null : GeminiJson.str(fn.getValue("name"));
        if (name == null) {
            throw new InvalidRequestException("tool_choice",
                    "'tool_choice' must be \"auto\", \"none\", \"required\" or {\"type\": \"function\", \"function\": {\"name\": ...}}");
        }
        return new JsonObject().put("mode", "ANY").put("allowedFunctionNames", new JsonArray().add(name));
    }
}
