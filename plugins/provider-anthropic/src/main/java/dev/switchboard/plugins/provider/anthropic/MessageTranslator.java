package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ContentPart;
import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI messages into Anthropic's {@code system} and alternating {@code messages}: system
 * and developer messages move to the top level, tool results become
 * {@code tool_result} blocks in a user turn, and consecutive turns of one role are merged because
 * Anthropic requires user and assistant to alternate.
 */
final class MessageTranslator {

    /**
     * The translation.
     *
     * @param system   the system and developer texts joined by a blank line; a JsonArray of text
     *                 blocks instead when a part carries {@code cache_control}; null when there are none
     * @param messages the Anthropic {@code messages} array
     */
    record Translated(Object system, JsonArray messages) {
    }

    private MessageTranslator() {
    }

    /** Translates the whole conversation. */
    static Translated translate(List<ChatMessage> messages) {
        List<JsonObject> system = new ArrayList<>();
        Turns turns = new Turns();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String path = "messages[" + i + "]";
            switch (m.role()) {
                case "system", "developer" -> addSystemText(system, m, path);
                case "user" -> turns.add("user", userBlocks(m, path));
                case "assistant" -> turns.add("assistant", assistantBlocks(m, path));
                case "tool" -> turns.add("user", List.of(ContentBlocks.toolResult(m, path)));
                default -> throw new InvalidRequestException(path + ".role", "role '" + m.role() + "' at " + path
                        + " is not supported by the anthropic provider; send tool results as role 'tool' messages");
            }
        }
        if (turns.isEmpty()) {
            throw new InvalidRequestException("messages", "Anthropic needs at least one user or assistant message besides system messages");
        }
        return new Translated(system(system), turns.messages);
    }

    private static void addSystemText(List<JsonObject> system, ChatMessage m, String path) {
        for (int j = 0; j < m.parts().size(); j++) {
            ContentPart part = m.parts().get(j);
            if (!part.isText()) {
                throw new InvalidRequestException(path + ".content[" + j + "]", m.role()
                        + " messages may only hold text for Anthropic models; " + path + ".content[" + j + "] is '" + part.type() + "'");
            }
            if (!isEmptyText(part)) {
                system.add(ContentBlocks.text(part));
            }
        }
    }

    // A plain string unless the client marked a cache breakpoint, which only the block form can carry.
    private static Object system(List<JsonObject> blocks) {
        if (blocks.isEmpty()) {
            return null;
        }
        if (blocks.stream().anyMatch(b -> b.containsKey("cache_control"))) {
            return new JsonArray(new ArrayList<>(blocks));
        }
        List<String> texts = new ArrayList<>();
        blocks.forEach(b -> texts.add(b.getString("text")));
        return String.join("\n\n", texts);
    }

    private static List<JsonObject> userBlocks(ChatMessage m, String path) {
        List<JsonObject> blocks = new ArrayList<>();
        for (int j = 0; j < m.parts().size(); j++) {
            ContentPart part = m.parts().get(j);
            if (!isEmptyText(part)) {
                blocks.add(ContentBlocks.userPart(part, path + ".content[" + j + "]"));
            }
        }
        return blocks;
    }

    private static List<JsonObject> assistantBlocks(ChatMessage m, String path) {
        List<JsonObject> blocks = new ArrayList<>();
        for (int j = 0; j < m.parts().size(); j++) {
            ContentPart part = m.parts().get(j);
            if (!part.isText()) {
                throw new InvalidRequestException(path + ".content[" + j + "]", "assistant messages may only hold text for Anthropic models; "
                        + path + ".content[" + j + "] is '" + part.type() + "'");
            }
            if (!isEmptyText(part)) {
                blocks.add(ContentBlocks.text(part));
            }
        }
        for (int k = 0; k < m.toolCalls().size(); k++) {
            blocks.add(ContentBlocks.toolUse(m.toolCalls().get(k), path + ".tool_calls[" + k + "]"));
        }
        return blocks;
    }

    // Anthropic rejects empty text blocks; OpenAI clients send "" beside tool calls all the time.
    private static boolean isEmptyText(ContentPart part) {
        return part.isText() && (part.text() == null || part.text().isEmpty());
    }

    /** Accumulates turns, merging a turn into the previous one when the role repeats. */
    private static final class Turns {
        private final JsonArray messages = new JsonArray();
        private String lastRole;

        void add(String role, List<JsonObject> blocks) {
            if (blocks.isEmpty()) {
                return;
            }
            JsonArray content;
            if (role.equals(lastRole)) {
                content = messages.getJsonObject(messages.size() - 1).getJsonArray("content");
            } else {
                content = new JsonArray();
                messages.add(new JsonObject().put("role", role).put("content", content));
                lastRole = role;
            }
            blocks.forEach(content::add);
        }

        boolean isEmpty() {
            return messages.isEmpty();
        }
    }
}
