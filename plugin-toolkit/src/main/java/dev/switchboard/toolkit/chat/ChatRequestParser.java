package dev.switchboard.toolkit.chat;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ContentPart;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.chat.ToolCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates an OpenAI Chat Completions request and builds its {@link ChatRequest} view. Every
 * rejection is an {@link InvalidRequestException} naming the field and what to fix; values are
 * never silently clamped.
 */
public final class ChatRequestParser {

    /** Upper bound for {@code max_tokens}; larger values are certainly mistakes. */
    public static final int MAX_TOKENS_LIMIT = 1_000_000;

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private ChatRequestParser() {
    }

    /**
     * Parses and validates the request.
     *
     * @throws InvalidRequestException when the request is malformed
     */
    public static ChatRequest parse(JsonObject body) {
        return parse(body, null);
    }

    /**
     * Parses and validates the request read from bytes; the request keeps {@code source}.
     *
     * @throws InvalidRequestException when the request is malformed
     */
    public static ChatRequest parse(SourceJson source) {
        return parse(source.json(), source);
    }

    private static ChatRequest parse(JsonObject body, SourceJson source) {
        String model = requireString(body, "model");
        List<ChatMessage> messages = parseMessages(body.getValue("messages"));
        boolean stream = optionalBoolean(body, "stream");
        boolean includeUsage = false;
        Object so = body.getValue("stream_options");
        if (so != null) {
            if (!(so instanceof JsonObject)) {
                throw new InvalidRequestException("stream_options", "'stream_options' must be an object");
            }
            includeUsage = optionalBoolean((JsonObject) so, "include_usage");
        }
        Integer maxTokens = maxTokens(body, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = maxTokens(body, "max_tokens");
        }
        Double temperature = optionalNumber(body, "temperature", 0.0, 2.0);
        Double topP = optionalNumber(body, "top_p", 0.0, 1.0);
        List<String> stop = parseStop(body.getValue("stop"));
        JsonArray tools = optionalArray(body, "tools");
        Object toolChoice = body.getValue("tool_choice");
        if (toolChoice != null && !(toolChoice instanceof String) && !(toolChoice instanceof JsonObject)) {
            throw new InvalidRequestException("tool_choice", "'tool_choice' must be \"auto\", \"none\", \"required\" or an object naming a function");
        }
        Object rf = body.getValue("response_format");
        if (rf != null && !(rf instanceof JsonObject)) {
            throw new InvalidRequestException("response_format", "'response_format' must be an object like {\"type\": \"json_object\"}");
        }
        Object user = body.getValue("user");
        if (user != null && !(user instanceof String)) {
            throw new InvalidRequestException("user", "'user' must be a string");
        }
        return new ChatRequest(body, model, messages, stream, includeUsage, maxTokens, temperature, topP, stop,
                tools, toolChoice, (JsonObject) rf, (String) user, source);
    }

    private static String requireString(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            throw new InvalidRequestException(field, "'" + field + "' is required");
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a non-empty string");
        }
        return (String) v;
    }

    private static boolean optionalBoolean(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean)) {
            throw new InvalidRequestException(field, "'" + field + "' must be a boolean (true or false), got " + typeName(v));
        }
        return (Boolean) v;
    }

    private static Integer maxTokens(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw new InvalidRequestException(field, "'" + field + "' must be an integer, got " + typeName(v));
        }
        double d = ((Number) v).doubleValue();
        if (d < 1 || d > MAX_TOKENS_LIMIT) {
            throw new InvalidRequestException(field, "'" + field + "' must be between 1 and " + MAX_TOKENS_LIMIT + ", got " + v);
        }
        return (int) d;
    }

    private static Double optionalNumber(JsonObject body, String field, double min, double max) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number)) {
            throw new InvalidRequestException(field, "'" + field + "' must be a number, got " + typeName(v));
        }
        double d = ((Number) v).doubleValue();
        if (d < min || d > max) {
            throw new InvalidRequestException(field, "'" + field + "' must be between " + fmt(min) + " and " + fmt(max) + ", got " + v);
        }
        return d;
    }

    private static JsonArray optionalArray(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray)) {
            throw new InvalidRequestException(field, "'" + field + "' must be an array, got " + typeName(v));
        }
        JsonArray a = (JsonArray) v;
        for (int i = 0; i < a.size(); i++) {
            Object t = a.getValue(i);
            if (!(t instanceof JsonObject) || !(((JsonObject) t).getValue("function") instanceof JsonObject)
                    || !(((JsonObject) t).getJsonObject("function").getValue("name") instanceof String)) {
                throw new InvalidRequestException(field + "[" + i + "]",
                        "'" + field + "[" + i + "]' must be {\"type\": \"function\", \"function\": {\"name\": ..., \"parameters\": {...}}}");
            }
        }
        return a;
    }

    private static List<String> parseStop(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        if (v instanceof JsonArray) {
            List<String> out = new ArrayList<>();
            for (Object o : (JsonArray) v) {
                if (!(o instanceof String)) {
                    throw new InvalidRequestException("stop", "'stop' must be a string or an array of strings");
                }
                out.add((String) o);
            }
            return out;
        }
        throw new InvalidRequestException("stop", "'stop' must be a string or an array of strings, got " + typeName(v));
    }

    private static List<ChatMessage> parseMessages(Object v) {
        if (v == null) {
            throw new InvalidRequestException("messages", "'messages' is required: an array of {\"role\", \"content\"} objects");
        }
        if (!(v instanceof JsonArray)) {
            throw new InvalidRequestException("messages", "'messages' must be an array, got " + typeName(v));
        }
        JsonArray array = (JsonArray) v;
        if (array.isEmpty()) {
            throw new InvalidRequestException("messages", "'messages' must contain at least one message");
        }
        List<ChatMessage> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(parseMessage(array.getValue(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static ChatMessage parseMessage(Object v, String path) {
        if (!(v instanceof JsonObject)) {
            throw new InvalidRequestException(path, "'" + path + "' must be an object, got " + typeName(v));
        }
        JsonObject m = (JsonObject) v;
        Object role = m.getValue("role");
        if (!(role instanceof String)) {
            throw new InvalidRequestException(path + ".role", "'" + path + ".role' is required: one of " + ROLES_TEXT);
        }
        if (!ROLES.contains(role)) {
            throw new InvalidRequestException(path + ".role", "'" + path + ".role' is '" + role + "'; it must be one of " + ROLES_TEXT);
        }
        List<ToolCall> toolCalls = parseToolCalls(m.getValue("tool_calls"), path + ".tool_calls");
        Object content = m.getValue("content");
        List<ContentPart> parts;
        boolean isString = false;
        if (content == null) {
            if (!"assistant".equals(role)) {
                throw new InvalidRequestException(path + ".content", "'" + path + ".content' is required for role '" + role + "'");
            }
            parts = List.of();
        } else if (content instanceof String) {
            parts = List.of(ContentPart.text((String) content));
            isString = true;
        } else if (content instanceof JsonArray) {
            parts = parseParts((JsonArray) content, path + ".content");
        } else {
            throw new InvalidRequestException(path + ".content",
                    "'" + path + ".content' must be a string or an array of content parts, got " + typeName(content));
        }
        Object toolCallId = m.getValue("tool_call_id");
        if ("tool".equals(role) && !(toolCallId instanceof String)) {
            throw new InvalidRequestException(path + ".tool_call_id", "'" + path + ".tool_call_id' is required for role 'tool'");
        }
        Object name = m.getValue("name");
        return new ChatMessage((String) role, parts, isString, name instanceof String ? (String) name : null,
                toolCallId instanceof String ? (String) toolCallId : null, toolCalls, m);
    }

    private static final String ROLES_TEXT = "system, developer, user, assistant, tool";

    private static List<ContentPart> parseParts(JsonArray array, String path) {
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String p = path + "[" + i + "]";
            Object o = array.getValue(i);
            if (!(o instanceof JsonObject)) {
                throw new InvalidRequestException(p, "'" + p + "' must be an object like {\"type\": \"text\", \"text\": ...}");
            }
            JsonObject part = (JsonObject) o;
            Object type = part.getValue("type");
            if (!(type instanceof String)) {
                throw new InvalidRequestException(p + ".type", "'" + p + ".type' is required (text, image_url, ...)");
            }
            if ("text".equals(type)) {
                Object text = part.getValue("text");
                if (!(text instanceof String)) {
                    throw new InvalidRequestException(p + ".text", "'" + p + ".text' must be a string");
                }
                parts.add(new ContentPart("text", (String) text, null, null, part));
            } else if ("image_url".equals(type)) {
                Object iu = part.getValue("image_url");
                String url = null;
                String detail = null;
                if (iu instanceof String) {
                    url = (String) iu;
                } else if (iu instanceof JsonObject && ((JsonObject) iu).getValue("url") instanceof String) {
                    url = ((JsonObject) iu).getString("url");
                    detail = ((JsonObject) iu).getValue("detail") instanceof String ? ((JsonObject) iu).getString("detail") : null;
                }
                if (url == null || url.isEmpty()) {
                    throw new InvalidRequestException(p + ".image_url", "'" + p + ".image_url' must be {\"url\": \"https://... or data:image/...;base64,...\"}");
                }
                parts.add(new ContentPart("image_url", null, url, detail, part));
            } else {
                parts.add(new ContentPart((String) type, null, null, null, part));
            }
        }
        return parts;
    }

    private static List<ToolCall> parseToolCalls(Object v, String path) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray)) {
            throw new InvalidRequestException(path, "'" + path + "' must be an array");
        }
        JsonArray a = (JsonArray) v;
        List<ToolCall> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            Object o = a.getValue(i);
            JsonObject fn = o instanceof JsonObject && ((JsonObject) o).getValue("function") instanceof JsonObject
                    ? ((JsonObject) o).getJsonObject("function") : null;
            if (fn == null || !(fn.getValue("name") instanceof String)) {
                throw new InvalidRequestException(path + "[" + i + "]", "'" + path + "[" + i + "]' must be {\"id\", \"type\": \"function\", \"function\": {\"name\", \"arguments\"}}");
            }
            Object args = fn.getValue("arguments");
            out.add(new ToolCall(((JsonObject) o).getString("id"), fn.getString("name"),
                    args == null ? "{}" : args instanceof String ? (String) args : args.toString()));
        }
        return out;
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof JsonArray) {
            return "an array";
        }
        if (v instanceof JsonObject) {
            return "an object";
        }
        return v.getClass().getSimpleName();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
