package dev.switchboard.engine.responses;

import dev.switchboard.engine.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A validated OpenAI Responses API request ({@code POST /v1/responses}).
 *
 * @param body               the request as the client sent it
 * @param model              the catalog model or route asked for
 * @param input              the new input as items (a string input becomes one user message)
 * @param instructions       the system instructions of this request (not carried to later turns), or null
 * @param stream             whether the client asked for server-sent events
 * @param store              whether the response is kept for {@code previous_response_id} and GET (OpenAI's default: true)
 * @param previousResponseId the stored response this one continues, or null
 */
public record ResponsesRequest(JsonObject body, String model, JsonArray input, String instructions, boolean stream, boolean store,
                               String previousResponseId) {

    /** Fields of OpenAI's API that need server-side state or hosted tools Switchboard does not have. */
    private static final Set<String> UNSUPPORTED = Set.of("conversation", "prompt");

    /**
     * Parses and validates a request body.
     *
     * @throws ApiException 400 naming the field when it is missing, malformed or unsupported
     */
    public static ResponsesRequest parse(JsonObject body) {
        Object model = body.getValue("model");
        if (!(model instanceof String) || ((String) model).isBlank()) {
            throw ApiException.badRequest("model", "'model' is required: a catalog model or a route (GET /v1/models)");
        }
        for (String field : UNSUPPORTED) {
            if (body.getValue(field) != null) {
                throw ApiException.badRequest(field, "'" + field + "' is not supported by Switchboard; send the input items "
                        + "(or previous_response_id) instead");
            }
        }
        if (Boolean.TRUE.equals(body.getValue("background"))) {
            throw ApiException.badRequest("background", "background mode ('background': true) is not supported by Switchboard; "
                    + "use 'stream': true or a plain request");
        }
        checkTools(body.getValue("tools"));
        checkToolChoice(body.getValue("tool_choice"));
        String previous = optionalString(body, "previous_response_id");
        JsonArray input = input(body.getValue("input"), previous != null);
        return new ResponsesRequest(body, (String) model, input, optionalString(body, "instructions"), flag(body, "stream", false),
                flag(body, "store", true), previous);
    }

    private static JsonArray input(Object input, boolean continues) {
        if (input instanceof String) {
            return new JsonArray().add(new JsonObject().put("type", "message").put("role", "user").put("content", input));
        }
        if (input instanceof JsonArray && (!((JsonArray) input).isEmpty() || continues)) {
            JsonArray items = (JsonArray) input;
            for (int i = 0; i < items.size(); i++) {
                if (!(items.getValue(i) instanceof JsonObject)) {
                    throw ApiException.badRequest("input[" + i + "]", "'input[" + i + "]' must be an item object, e.g. "
                            + "{\"role\": \"user\", \"content\": \"...\"}");
                }
            }
            return items;
        }
        if (input == null && continues) {
            return new JsonArray();
        }
        throw ApiException.badRequest("input", "'input' is required: a string or an array of input items");
    }

    private static void checkTools(Object tools) {
        if (tools == null) {
            return;
        }
        if (!(tools instanceof JsonArray)) {
            throw ApiException.badRequest("tools", "'tools' must be an array of function tools");
        }
        JsonArray list = (JsonArray) tools;
        for (int i = 0; i < list.size(); i++) {
            Object t = list.getValue(i);
            String type = t instanceof JsonObject ? ((JsonObject) t).getString("type") : null;
            if (!"function".equals(type)) {
                throw ApiException.badRequest("tools[" + i + "].type", "tool type '" + type + "' is not supported by Switchboard: "
                        + "built-in tools (web_search, file_search, computer_use, code_interpreter, mcp...) need OpenAI's hosted "
                        + "tools; only {\"type\": \"function\"} tools are routed");
            }
            Object name = ((JsonObject) t).getValue("name");
            if (!(name instanceof String) || ((String) name).isBlank()) {
                throw ApiException.badRequest("tools[" + i + "].name", "function tool " + i + " needs a 'name'");
            }
        }
    }

    private static void checkToolChoice(Object choice) {
        if (choice == null || choice instanceof String) {
            return;
        }
        String type = choice instanceof JsonObject ? ((JsonObject) choice).getString("type") : null;
        if (!"function".equals(type)) {
            throw ApiException.badRequest("tool_choice", "tool_choice must be 'auto', 'none', 'required' or {\"type\": \"function\", "
                    + "\"name\": ...}; got " + choice);
        }
    }

    private static String optionalString(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string");
        }
        return (String) v;
    }

    private static boolean flag(JsonObject body, String field, boolean def) {
        Object v = body.getValue(field);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean)) {
            throw ApiException.badRequest(field, "'" + field + "' must be true or false");
        }
        return (Boolean) v;
    }
}
