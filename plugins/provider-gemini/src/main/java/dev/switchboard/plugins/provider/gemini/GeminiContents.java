package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.chat.ToolCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OpenAI messages into Gemini {@code contents} plus the {@code systemInstruction} parts.
 *
 * <p>System and developer messages, wherever they stand, become system instruction parts. Assistant
 * turns become {@code model} turns whose tool calls are {@code functionCall} parts; tool answers
 * become {@code functionResponse} parts of a {@code user} turn. Gemini names the function in a
 * response, not the call id, so the name is looked up from the nearest earlier assistant tool call
 * with that id. Consecutive turns of one role are merged, as Gemini expects strictly alternating
 * turns and one user turn holding all answers to one model turn's calls.
 *
 * <p>Gemini 3 rejects replayed function calls without the {@code thoughtSignature} it attached to
 * them, and the OpenAI shape has no place to carry one back. The first call of each assistant
 * message therefore gets the validator-skipping sentinel Google documents for history it did not
 * produce; other models ignore it.
 */
final class GeminiContents {

    /**
     * The translated conversation.
     *
     * @param contents the {@code contents} array
     * @param system   the {@code systemInstruction.parts} array, possibly empty
     */
    record Turns(JsonArray contents, JsonArray system) {
    }

    /** Google's documented placeholder for a function call whose real signature is not available. */
    static final String SIGNATURE_SENTINEL = "skip_thought_signature_validator";

    private final JsonArray contents = new JsonArray();
    private final JsonArray system = new JsonArray();
    private final Map<String, String> callNames = new HashMap<>();

    private GeminiContents() {
    }

    /**
     * Translates the messages.
     *
     * @throws InvalidRequestException when a message cannot be expressed for Gemini
     */
    static Turns translate(List<ChatMessage> messages) {
        GeminiContents c = new GeminiContents();
        for (int i = 0; i < messages.size(); i++) {
            c.add(messages.get(i), "messages[" + i + "]");
        }
        if (c.contents.isEmpty()) {
            throw new InvalidRequestException("messages", "Gemini needs at least one user or assistant message besides system messages");
        }
        return new Turns(c.contents, c.system);
    }

    private void add(ChatMessage m, String path) {
        if (m.isSystem()) {
            String text = m.text();
            if (!text.isEmpty()) {
                system.add(new JsonObject().put("text", text));
            }
            return;
        }
        switch (m.role()) {
            case "assistant" -> append("model", modelParts(m, path));
            case "tool", "function" -> append("user", new JsonArray().add(functionResponse(m, path)));
            default -> append("user", GeminiParts.userParts(m.parts(), path + ".content"));
        }
    }

    private JsonArray modelParts(ChatMessage m, String path) {
        JsonArray parts = new JsonArray();
        String text = m.text();
        if (!text.isEmpty()) {
            parts.add(new JsonObject().put("text", text));
        }
        for (int j = 0; j < m.toolCalls().size(); j++) {
            ToolCall call = m.toolCalls().get(j);
            if (call.id() != null) {
                callNames.put(call.id(), call.name());
            }
            JsonObject args = arguments(call.arguments(), path + ".tool_calls[" + j + "].function.arguments");
            JsonObject part = new JsonObject().put("functionCall", new JsonObject().put("name", call.name()).put("args", args));
            parts.add(j == 0 ? part.put("thoughtSignature", SIGNATURE_SENTINEL) : part);
        }
        return parts;
    }

    private JsonObject functionResponse(ChatMessage m, String path) {
        String name = m.toolCallId() == null ? null : callNames.get(m.toolCallId());
        if (name == null) {
            name = m.name();
        }
        if (name == null) {
            String param = m.toolCallId() == null ? path + ".name" : path + ".tool_call_id";
            throw new InvalidRequestException(param, "'" + param + "' ('" + m.toolCallId()
                    + "') matches no earlier assistant tool call; Gemini needs the function's name to pass a tool result");
        }
        String text = m.text();
        Object parsed = GeminiJson.decode(text);
        Object content = parsed instanceof JsonObject ? parsed : text;
        JsonObject response = new JsonObject().put("content", content);
        return new JsonObject().put("functionResponse", new JsonObject().put("name", name).put("response", response));
    }

    /** Gemini wants the arguments as an object, not OpenAI's JSON string. */
    private static JsonObject arguments(String json, String param) {
        if (json == null || json.isBlank()) {
            return new JsonObject();
        }
        Object parsed = GeminiJson.decode(json);
        if (!(parsed instanceof JsonObject)) {
            throw new InvalidRequestException(param, "'" + param + "' must be a JSON object as a string, got: " + GeminiJson.truncate(json));
        }
        return (JsonObject) parsed;
    }

    private void append(String role, JsonArray parts) {
        if (parts.isEmpty()) {
            return;
        }
        if (!contents.isEmpty()) {
            JsonObject last = contents.getJsonObject(contents.size() - 1);
            if (role.equals(last.getString("role"))) {
                last.getJsonArray("parts").addAll(parts);
                return;
            }
        }
        contents.add(new JsonObject().put("role", role).put("parts", parts));
    }
}
