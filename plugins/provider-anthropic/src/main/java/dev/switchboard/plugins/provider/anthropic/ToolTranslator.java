package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** OpenAI function tools and {@code tool_choice} to Anthropic {@code tools} and {@code tool_choice}. */
final class ToolTranslator {

    /** What Anthropic gets for a tool without {@code parameters}: a function of no arguments. */
    private static final JsonObject EMPTY_SCHEMA = new JsonObject().put("type", "object").put("properties", new JsonObject());

    private ToolTranslator() {
    }

    /** Each {@code {"type":"function","function":{name, description, parameters}}} as {@code {name, description, input_schema}}. */
    static JsonArray tools(JsonArray openAiTools) {
        JsonArray out = new JsonArray();
        for (int i = 0; i < openAiTools.size(); i++) {
            JsonObject tool = openAiTools.getJsonObject(i);
            JsonObject fn = tool.getJsonObject("function");
            JsonObject schema = JsonFields.object(fn, "parameters");
            JsonObject anthropic = new JsonObject().put("name", fn.getString("name"));
            String description = JsonFields.string(fn, "description");
            if (description != null) {
                anthropic.put("description", description);
            }
            anthropic.put("input_schema", schema == null ? EMPTY_SCHEMA.copy() : schema.copy());
            JsonObject cacheControl = JsonFields.object(tool, "cache_control");
            if (cacheControl != null) {
                anthropic.put("cache_control", cacheControl.copy());
            }
            out.add(anthropic);
        }
        return out;
    }

    /**
     * The Anthropic {@code tool_choice}, or null when the default (auto, parallel calls allowed) applies.
     *
     * @param choice            the OpenAI {@code tool_choice}: a String or a JsonObject, or null
     * @param parallelToolCalls the OpenAI {@code parallel_tool_calls}, or null
     */
    static JsonObject toolChoice(Object choice, Object parallelToolCalls) {
        if (parallelToolCalls != null && !(parallelToolCalls instanceof Boolean)) {
            throw new InvalidRequestException("parallel_tool_calls", "'parallel_tool_calls' must be a boolean");
        }
        JsonObject out = choice == null ? null : choice instanceof String ? named((String) choice) : function((JsonObject) choice);
        if (Boolean.FALSE.equals(parallelToolCalls)) {
            out = out == null ? new JsonObject().put("type", "auto") : out;
            if (!"none".equals(out.getString("type"))) {
                out.put("disable_parallel_tool_use", true);
            }
        }
        return out;
    }

    private static JsonObject named(String choice) {
        String type = switch (choice) {
            case "auto" -> "auto";
            case "none" -> "none";
            case "required" -> "any";
            default -> throw new InvalidRequestException("tool_choice",
                    "'tool_choice' is '" + choice + "'; it must be \"auto\", \"none\", \"required\" or {\"type\": \"function\", \"function\": {\"name\": ...}}");
        };
        return new JsonObject().put("type", type);
    }

    private static JsonObject function(JsonObject choice) {
        String name = JsonFields.string(JsonFields.object(choice, "function"), "name");
        if (name == null) {
            throw new InvalidRequestException("tool_choice.function.name",
                    "'tool_choice' must name a function: {\"type\": \"function\", \"function\": {\"name\": ...}}");
        }
        return new JsonObject().put("type", "tool").put("name", name);
    }
}
