package dev.switchboard.spi.chat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One message of a chat request.
 *
 * @param role            {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}
 * @param parts           the content as parts; a string content is one text part; empty when content is null
 * @param contentIsString whether the client sent the content as a plain string
 * @param name            the optional participant name
 * @param toolCallId      for {@code tool} messages, the call answered
 * @param toolCalls       for {@code assistant} messages, the calls made
 * @param raw             the message as the client sent it
 */
public record ChatMessage(
        String role,
        List<ContentPart> parts,
        boolean contentIsString,
        String name,
        String toolCallId,
        List<ToolCall> toolCalls,
        JsonObject raw) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = parts == null ? List.of() : List.copyOf(parts);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A message with plain string content. */
    public static ChatMessage of(String role, String text) {
        return new ChatMessage(role, List.of(ContentPart.text(text)), true, null, null, List.of(),
                new JsonObject().put("role", role).put("content", text));
    }

    /** The text parts joined with newlines; empty when there is no text. */
    public String text() {
        if (parts.size() == 1) {
            String t = parts.get(0).text();
            return t == null ? "" : t;
        }
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : parts) {
            if (p.isText() && p.text() != null) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(p.text());
            }
        }
        return sb.toString();
    }

    /** Whether any part is an image. */
    public boolean hasImage() {
        for (ContentPart p : parts) {
            if (p.isImage()) {
                return true;
            }
        }
        return false;
    }

    /** Whether this is a system or developer message. */
    public boolean isSystem() {
        return "system".equals(role) || "developer".equals(role);
    }
}
