package dev.switchboard.engine.responses;

import dev.switchboard.engine.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Translates a Responses request (its conversation as items) to a Chat Completions request, for
 * providers without the Responses API: message items become messages, {@code function_call} items
 * an assistant message's {@code tool_calls}, {@code function_call_output} items {@code tool}
 * messages; {@code instructions} the first system message; {@code text.format} the
 * {@code response_format}; {@code reasoning.effort} {@code reasoning_effort}.
 */
final class ChatTranslator {
    private ChatTranslator() {
    }

    /**
     * The chat body.
     *
     * @param request      the request (parameters, instructions)
     * @param conversation every item of the conversation, stored history first
     */
    static JsonObject toChat(ResponsesRequest request, JsonArray conversation) {
        JsonObject body = request.body();
        JsonObject chat = new JsonObject().put("model", request.model()).put("messages", messages(request.instructions(), conversation));
        copy(body, chat, "temperature", "temperature");
        copy(body, chat, "top_p", "top_p");
        copy(body, chat, "max_output_tokens", "max_completion_tokens");
        copy(body, chat, "parallel_tool_calls", "parallel_tool_calls");
        copy(body, chat, "user", "user");
        copy(body, chat, "service_tier", "service_tier");
        if (body.getValue("reasoning") instanceof JsonObject && body.getJsonObject("reasoning").getValue("effort") != null) {
            chat.put("reasoning_effort", body.getJsonObject("reasoning").getValue("effort"));
        }
        if (body.getValue("tools") instanceof JsonArray && !body.getJsonArray("tools").isEmpty()) {
            chat.put("tools", tools(body.getJsonArray("tools")));
        }
        Object choice = body.getValue("tool_choice");
        if (choice instanceof String) {
            chat.put("tool_choice", choice);
        } else if (choice instanceof JsonObject) {
            chat.put("tool_choice", new JsonObject().put("type", "function")
                    .put("function", new JsonObject().put("name", ((JsonObject) choice).getValue("name"))));
        }
        JsonObject format = responseFormat(body.getValue("text"));
        if (format != null) {
            chat.put("response_format", format);
        }
        if (request.stream()) {
            chat.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        }
        return chat;
    }

    private static void copy(JsonObject from, JsonObject to, String key, String as) {
        if (from.getValue(key) != null) {
            to.put(as, from.getValue(key));
        }
    }

    private static JsonArray tools(JsonArray tools) {
        JsonArray out = new JsonArray();
        for (Object o : tools) {
            JsonObject t = (JsonObject) o;
            JsonObject fn = new JsonObject().put("name", t.getValue("name"));
            copy(t, fn, "description", "description");
            copy(t, fn, "parameters", "parameters");
            copy(t, fn, "strict", "strict");
            out.add(new JsonObject().put("type", "function").put("function", fn));
        }
        return out;
    }

    private static JsonObject responseFormat(Object text) {
        if (!(text instanceof JsonObject) || !(((JsonObject) text).getValue("format") instanceof JsonObject)) {
            return null;
        }
        JsonObject f = ((JsonObject) text).getJsonObject("format");
        String type = f.getString("type");
        if ("json_object".equals(type)) {
            return new JsonObject().put("type", "json_object");
        }
        if ("json_schema".equals(type)) {
            JsonObject schema = new JsonObject().put("name", f.getValue("name"));
            copy(f, schema, "description", "description");
            copy(f, schema, "schema", "schema");
            copy(f, schema, "strict", "strict");
            return new JsonObject().put("type", "json_schema").put("json_schema", schema);
        }
        if (type == null || "text".equals(type)) {
            return null;
        }
        throw ApiException.badRequest("text.format.type", "text.format.type must be 'text', 'json_object' or 'json_schema', got '"
                + type + "'");
    }

    private static JsonArray messages(String instructions, JsonArray items) {
        JsonArray messages = new JsonArray();
        if (instructions != null && !instructions.isEmpty()) {
            messages.add(new JsonObject().put("role", "system").put("content", instructions));
        }
        java.util.Set<Object> calls = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            String type = item.getString("type", item.getValue("role") != null ? "message" : null);
            if ("message".equals(type)) {
                messages.add(message(item, "input[" + i + "]"));
            } else if ("function_call".equals(type)) {
                toolCall(messages, item, "input[" + i + "]");
                calls.add(item.getValue("call_id"));
            } else if ("function_call_output".equals(type)) {
                if (!calls.contains(item.getValue("call_id"))) {
                    throw ApiException.badRequest("input[" + i + "].call_id", "no function_call with call_id '" + item.getValue("call_id")
                            + "' precedes this function_call_output (in the input or the previous response)");
                }
                messages.add(toolOutput(item, "input[" + i + "]"));
            } else if (!"reasoning".equals(type)) { // reasoning items are the model's own state: other models cannot use them
                throw ApiException.badRequest("input[" + i + "].type", "input item type '" + type + "' is not supported by Switchboard; "
                        + "use message, function_call or function_call_output items");
            }
        }
        return messages;
    }

    private static JsonObject message(JsonObject item, String at) {
        Object role = item.getValue("role");
        if (!"user".equals(role) && !"assistant".equals(role) && !"system".equals(role) && !"developer".equals(role)) {
            throw ApiException.badRequest(at + ".role", "message role must be user, assistant, system or developer, got " + role);
        }
        Object content = item.getValue("content");
        if (content instanceof String) {
            return new JsonObject().put("role", role).put("content", content);
        }
        if (!(content instanceof JsonArray)) {
            throw ApiException.badRequest(at + ".content", "message content must be a string or an array of content parts");
        }
        JsonArray parts = (JsonArray) content;
        if ("assistant".equals(role)) {
            return new JsonObject().put("role", role).put("content", assistantText(parts, at));
        }
        JsonArray out = new JsonArray();
        for (int j = 0; j < parts.size(); j++) {
            out.add(part(parts.getValue(j), at + ".content[" + j + "]"));
        }
        return new JsonObject().put("role", role).put("content", out);
    }

    private static String assistantText(JsonArray parts, String at) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < parts.size(); j++) {
            JsonObject p = parts.getValue(j) instanceof JsonObject ? parts.getJsonObject(j) : null;
            String type = p == null ? null : p.getString("type");
            if ("output_text".equals(type) || "input_text".equals(type)) {
                text.append(p.getString("text", ""));
            } else if ("refusal".equals(type)) {
                text.append(p.getString("refusal", ""));
            } else {
                throw ApiException.badRequest(at + ".content[" + j + "].type", "assistant content part type '" + type
                        + "' is not supported; use output_text");
            }
        }
        return text.toString();
    }

    private static JsonObject part(Object value, String at) {
        JsonObject p = value instanceof JsonObject ? (JsonObject) value : null;
        String type = p == null ? null : p.getString("type");
        if ("input_text".equals(type) || "output_text".equals(type)) {
            return new JsonObject().put("type", "text").put("text", p.getValue("text"));
        }
        if ("input_image".equals(type) && p.getValue("image_url") instanceof String) {
            JsonObject url = new JsonObject().put("url", p.getString("image_url"));
            copy(p, url, "detail", "detail");
            return new JsonObject().put("type", "image_url").put("image_url", url);
        }
        if ("input_image".equals(type)) {
            throw ApiException.badRequest(at + ".image_url", "input_image needs 'image_url' (an https or data: URL); "
                    + "file_id needs OpenAI's file store, which Switchboard does not have");
        }
        throw ApiException.badRequest(at + ".type", "content part type '" + type + "' is not supported by Switchboard; "
                + "use input_text or input_image");
    }

    /** Adds a function call to the last assistant message, or starts one: consecutive calls are one turn. */
    private static void toolCall(JsonArray messages, JsonObject item, String at) {
        Object callId = item.getValue("call_id");
        Object name = item.getValue("name");
        if (!(callId instanceof String) || !(name instanceof String)) {
            throw ApiException.badRequest(at, "a function_call item needs 'call_id' and 'name'");
        }
        JsonObject call = new JsonObject().put("id", callId).put("type", "function")
                .put("function", new JsonObject().put("name", name).put("arguments", item.getValue("arguments", "{}")));
        JsonObject last = messages.isEmpty() ? null : messages.getJsonObject(messages.size() - 1);
        if (last != null && "assistant".equals(last.getValue("role"))) {
            JsonArray calls = last.getValue("tool_calls") instanceof JsonArray ? last.getJsonArray("tool_calls") : new JsonArray();
            last.put("tool_calls", calls.add(call));
            return;
        }
        messages.add(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray().add(call)));
    }

    private static JsonObject toolOutput(JsonObject item, String at) {
        Object callId = item.getValue("call_id");
        if (!(callId instanceof String)) {
            throw ApiException.badRequest(at + ".call_id", "a function_call_output item needs the 'call_id' of the call it answers");
        }
        Object output = item.getValue("output");
        String text;
        if (output instanceof String) {
            text = (String) output;
        } else if (output instanceof JsonArray) {
            StringBuilder sb = new StringBuilder();
            for (Object p : (JsonArray) output) {
                if (p instanceof JsonObject && ((JsonObject) p).getValue("text") instanceof String) {
                    sb.append(((JsonObject) p).getString("text"));
                }
            }
            text = sb.toString();
        } else {
            throw ApiException.badRequest(at + ".output", "a function_call_output item needs 'output' (a string)");
        }
        return new JsonObject().put("role", "tool").put("tool_call_id", callId).put("content", text);
    }
}
