package dev.switchboard.engine.frontdoor.anthropic;

import static dev.switchboard.engine.frontdoor.anthropic.Fields.element;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.invalid;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.optionalArray;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.optionalInt;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.optionalNumber;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.optionalObject;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.optionalString;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.requiredObject;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.requiredString;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Validates an Anthropic Messages request and translates it to the canonical (OpenAI Chat
 * Completions) request that routing, limits and every translating provider use. Fields the
 * canonical shape has no place for ({@code thinking}, {@code top_k}, {@code cache_control},
 * beta fields) are checked for type and reach only Anthropic upstreams, which are sent the
 * client's own body. Errors name the field by its dotted path, as Anthropic's do.
 */
final class MessagesRequestReader {
    private MessagesRequestReader() {
    }

    /**
     * Reads a {@code POST /v1/messages} body ({@code countOnly}: a {@code count_tokens} body, which
     * has no {@code max_tokens}).
     *
     * @throws dev.switchboard.spi.chat.InvalidRequestException naming the offending field
     */
    static ChatRequest read(JsonObject body, boolean countOnly) {
        JsonObject out = new JsonObject().put("model", model(body));
        JsonArray messages = new JsonArray();
        system(body.getValue("system"), messages);
        JsonArray in = optionalArray(body, "messages", "messages");
        if (in == null) {
            throw invalid("messages", "Field required");
        }
        if (in.isEmpty()) {
            throw invalid("messages", "at least one message is required");
        }
        MessageTranslator.translate(in, messages);
        out.put("messages", messages);
        Integer maxTokens = optionalInt(body, "max_tokens", "max_tokens", 1);
        if (maxTokens == null && !countOnly) {
            throw invalid("max_tokens", "Field required");
        }
        if (maxTokens != null) {
            out.put("max_tokens", maxTokens);
        }
        sampling(body, out);
        tools(body, out);
        JsonObject metadata = optionalObject(body, "metadata", "metadata");
        if (metadata != null) {
            String user = optionalString(metadata, "user_id", "metadata.user_id");
            if (user != null) {
                out.put("user", user);
            }
        }
        JsonObject thinking = optionalObject(body, "thinking", "thinking");
        if (thinking != null) {
            requiredString(thinking, "type", "thinking.type");
            optionalInt(thinking, "budget_tokens", "thinking.budget_tokens", 1);
        }
        if (!countOnly && Fields.optionalBoolean(body, "stream", "stream")) {
            out.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        }
        return ChatRequestParser.parse(out);
    }

    private static String model(JsonObject body) {
        String model = requiredString(body, "model", "model");
        if (model.isBlank()) {
            throw invalid("model", "String should have at least 1 character");
        }
        return model;
    }

    /** A string or a list of text blocks: one system message. */
    private static void system(Object system, JsonArray out) {
        if (system == null) {
            return;
        }
        String text = system instanceof String ? (String) system : MessageTranslator.joinText(system, "system");
        if (!text.isEmpty()) {
            out.add(new JsonObject().put("role", "system").put("content", text));
        }
    }

    private static void sampling(JsonObject body, JsonObject out) {
        Double temperature = optionalNumber(body, "temperature", "temperature", 0, 1);
        if (temperature != null) {
            out.put("temperature", temperature);
        }
        Double topP = optionalNumber(body, "top_p", "top_p", 0, 1);
        if (topP != null) {
            out.put("top_p", topP);
        }
        optionalInt(body, "top_k", "top_k", 0);
        JsonArray stops = optionalArray(body, "stop_sequences", "stop_sequences");
        if (stops != null && !stops.isEmpty()) {
            JsonArray stop = new JsonArray();
            for (int i = 0; i < stops.size(); i++) {
                if (!(stops.getValue(i) instanceof String)) {
                    throw invalid("stop_sequences." + i, "Input should be a valid string, got " + Fields.typeName(stops.getValue(i)));
                }
                stop.add(stops.getValue(i));
            }
            out.put("stop", stop);
        }
    }

    /**
     * Custom tools as OpenAI function tools; {@code tool_choice} as its OpenAI counterpart. Server
     * tools (a {@code type} such as {@code web_search_20250305}) run at Anthropic: they reach
     * Anthropic upstreams in the client's body and are left out of the canonical request, so
     * another provider answers without them, as a model without that tool would.
     */
    private static void tools(JsonObject body, JsonObject out) {
        JsonArray tools = optionalArray(body, "tools", "tools");
        JsonArray functions = new JsonArray();
        if (tools != null) {
            for (int i = 0; i < tools.size(); i++) {
                JsonObject tool = element(tools, i, "tools." + i);
                String type = optionalString(tool, "type", "tools." + i + ".type");
                if (type == null || "custom".equals(type)) {
                    functions.add(tool(tool, "tools." + i));
                } else {
                    requiredString(tool, "name", "tools." + i + ".name");
                }
            }
        }
        if (!functions.isEmpty()) {
            out.put("tools", functions);
        }
        JsonObject choice = optionalObject(body, "tool_choice", "tool_choice");
        if (choice == null) {
            return;
        }
        String type = requiredString(choice, "type", "tool_choice.type");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                String name = requiredString(choice, "name", "tool_choice.name");
                if (functions.stream().anyMatch(f -> name.equals(((JsonObject) f).getJsonObject("function").getString("name")))) {
                    out.put("tool_choice", new JsonObject().put("type", "function").put("function", new JsonObject().put("name", name)));
                } else if (tools == null || tools.stream().noneMatch(t -> t instanceof JsonObject && name.equals(((JsonObject) t).getValue("name")))) {
                    throw invalid("tool_choice.name", "names no tool in 'tools': '" + name + "'");
                }
            }
            default -> throw invalid("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none', got '" + type + "'");
        }
        if (out.containsKey("tool_choice") && !functions.isEmpty()
                && Fields.optionalBoolean(choice, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use")) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static JsonObject tool(JsonObject tool, String path) {
        String name = requiredString(tool, "name", path + ".name");
        JsonObject schema = requiredObject(tool, "input_schema", path + ".input_schema");
        JsonObject function = new JsonObject().put("name", name).put("parameters", schema);
        String description = optionalString(tool, "description", path + ".description");
        if (description != null) {
            function.put("description", description);
        }
        return new JsonObject().put("type", "function").put("function", function);
    }
}
