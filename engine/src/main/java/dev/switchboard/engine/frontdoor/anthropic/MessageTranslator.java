package dev.switchboard.engine.frontdoor.anthropic;

import static dev.switchboard.engine.frontdoor.anthropic.Fields.element;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.invalid;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.optionalString;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.requiredObject;
import static dev.switchboard.engine.frontdoor.anthropic.Fields.requiredString;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Anthropic {@code messages} to OpenAI chat messages, block by block: text and images become
 * content parts, a PDF document a {@code file} part and a text document a text part,
 * {@code tool_use} blocks the assistant's {@code tool_calls}, and each {@code tool_result} a
 * {@code tool} message (placed before the rest of its user turn, as OpenAI requires). Thinking
 * blocks are left out: only Anthropic upstreams, which get the client's own body, read them.
 * Blocks of Anthropic's server-side tools ({@code server_tool_use}, {@code web_search_tool_result},
 * ...) are left out too: they were produced and are read at Anthropic, and a conversation that
 * used them must still reach other providers. Every {@code tool_result} must answer a
 * {@code tool_use} of the assistant turn just before it.
 */
final class MessageTranslator {
    static final String BLOCK_TYPES = "text, image, document, tool_use, tool_result, thinking, redacted_thinking";
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    /** Block types only Anthropic reads (server tools and their results): not part of the canonical request. */
    static final Set<String> ANTHROPIC_ONLY = Set.of("server_tool_use", "web_search_tool_result", "web_fetch_tool_result",
            "code_execution_tool_result", "bash_code_execution_tool_result", "text_editor_code_execution_tool_result",
            "mcp_tool_use", "mcp_tool_result", "container_upload", "tool_reference");

    private MessageTranslator() {
    }

    /** Appends the translation of {@code messages} to {@code out}. */
    static void translate(JsonArray messages, JsonArray out) {
        Set<String> openToolUses = Set.of();
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages." + i;
            JsonObject m = element(messages, i, path);
            String role = requiredString(m, "role", path + ".role");
            Object content = m.getValue("content");
            if (content == null) {
                throw invalid(path + ".content", "Field required");
            }
            if (!(content instanceof String) && !(content instanceof JsonArray)) {
                throw invalid(path + ".content", "Input should be a string or a list of content blocks, got " + Fields.typeName(content));
            }
            switch (role) {
                case "user" -> {
                    user(content, path, openToolUses, out);
                    openToolUses = Set.of();
                }
                case "assistant" -> openToolUses = assistant(content, path, out);
                case "system" -> out.add(new JsonObject().put("role", "system")
                        .put("content", content instanceof String ? content : joinText(content, path + ".content")));
                default -> throw invalid(path + ".role", "Input should be 'user', 'assistant' or 'system', got '" + role + "'");
            }
        }
    }

    private static void user(Object content, String path, Set<String> toolUses, JsonArray out) {
        if (content instanceof String) {
            out.add(new JsonObject().put("role", "user").put("content", content));
            return;
        }
        JsonArray blocks = (JsonArray) content;
        JsonArray parts = new JsonArray();
        for (int j = 0; j < blocks.size(); j++) {
            String p = path + ".content." + j;
            JsonObject block = element(blocks, j, p);
            String type = requiredString(block, "type", p + ".type");
            switch (type) {
                case "text" -> parts.add(text(block, p));
                case "image" -> parts.add(image(block, p));
                case "document" -> parts.add(document(block, p));
                case "tool_result" -> out.add(toolResult(block, p, toolUses, parts));
                case "tool_use", "thinking", "redacted_thinking" -> throw invalid(p + ".type",
                        "'" + type + "' blocks belong to assistant turns, not user turns");
                case "search_result" -> parts.add(searchResult(block, p));
                default -> skipOrReject(p, type);
            }
        }
        if (!parts.isEmpty()) {
            out.add(new JsonObject().put("role", "user").put("content", parts));
        }
    }

    private static Set<String> assistant(Object content, String path, JsonArray out) {
        if (content instanceof String) {
            out.add(new JsonObject().put("role", "assistant").put("content", content));
            return Set.of();
        }
        JsonArray blocks = (JsonArray) content;
        StringBuilder text = new StringBuilder();
        JsonArray calls = new JsonArray();
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < blocks.size(); j++) {
            String p = path + ".content." + j;
            JsonObject block = element(blocks, j, p);
            String type = requiredString(block, "type", p + ".type");
            switch (type) {
                case "text" -> text.append(text(block, p).getString("text"));
                case "tool_use" -> {
                    String id = requiredString(block, "id", p + ".id");
                    String name = requiredString(block, "name", p + ".name");
                    JsonObject input = requiredObject(block, "input", p + ".input");
                    ids.add(id);
                    calls.add(new JsonObject().put("id", id).put("type", "function")
                            .put("function", new JsonObject().put("name", name).put("arguments", input.encode())));
                }
                case "thinking", "redacted_thinking" -> { }
                case "image", "document", "tool_result" -> throw invalid(p + ".type",
                        "'" + type + "' blocks belong to user turns, not assistant turns");
                default -> skipOrReject(p, type);
            }
        }
        JsonObject message = new JsonObject().put("role", "assistant").put("content", text.length() == 0 && !calls.isEmpty() ? null
                : text.toString());
        if (!calls.isEmpty()) {
            message.put("tool_calls", calls);
        }
        out.add(message);
        return ids;
    }

    private static JsonObject text(JsonObject block, String p) {
        return new JsonObject().put("type", "text").put("text", requiredString(block, "text", p + ".text"));
    }

    private static JsonObject image(JsonObject block, String p) {
        JsonObject source = requiredObject(block, "source", p + ".source");
        String kind = requiredString(source, "type", p + ".source.type");
        String url = switch (kind) {
            case "base64" -> {
                String media = requiredString(source, "media_type", p + ".source.media_type");
                if (!IMAGE_TYPES.contains(media)) {
                    throw invalid(p + ".source.media_type", "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp', got '"
                            + media + "'");
                }
                yield "data:" + media + ";base64," + requiredString(source, "data", p + ".source.data");
            }
            case "url" -> requiredString(source, "url", p + ".source.url");
            default -> throw invalid(p + ".source.type", "Input should be 'base64' or 'url', got '" + kind + "'");
        };
        return new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", url));
    }

    /** A PDF as OpenAI's {@code file} part; plain text and content documents as text. */
    private static JsonObject document(JsonObject block, String p) {
        JsonObject source = requiredObject(block, "source", p + ".source");
        String kind = requiredString(source, "type", p + ".source.type");
        String title = optionalString(block, "title", p + ".title");
        switch (kind) {
            case "base64" -> {
                String media = requiredString(source, "media_type", p + ".source.media_type");
                if (!"application/pdf".equals(media)) {
                    throw invalid(p + ".source.media_type", "Input should be 'application/pdf', got '" + media + "'");
                }
                String data = requiredString(source, "data", p + ".source.data");
                return new JsonObject().put("type", "file").put("file", new JsonObject()
                        .put("filename", title == null ? "document.pdf" : title).put("file_data", "data:application/pdf;base64," + data));
            }
            case "text" -> {
                String data = requiredString(source, "data", p + ".source.data");
                return new JsonObject().put("type", "text").put("text", title == null ? data : title + "\n\n" + data);
            }
            case "content" -> {
                Object c = source.getValue("content");
                String text = c instanceof String ? (String) c : joinText(c, p + ".source.content");
                return new JsonObject().put("type", "text").put("text", title == null ? text : title + "\n\n" + text);
            }
            default -> throw invalid(p + ".source.type", "Input should be 'base64' (PDF), 'text' or 'content', got '" + kind
                    + "'; documents by URL or file id are not supported by Switchboard");
        }
    }

    /** A {@code tool} message; images of the result join the user turn's parts. */
    private static JsonObject toolResult(JsonObject block, String p, Set<String> toolUses, JsonArray userParts) {
        String id = requiredString(block, "tool_use_id", p + ".tool_use_id");
        if (!toolUses.contains(id)) {
            throw invalid(p + ".tool_use_id", "unexpected tool_use_id '" + id + "' in tool_result block: each tool_result block must "
                    + "have a corresponding tool_use block in the previous message");
        }
        Object content = block.getValue("content");
        String text;
        if (content == null || content instanceof String) {
            text = content == null ? "" : (String) content;
        } else if (content instanceof JsonArray) {
            StringBuilder sb = new StringBuilder();
            JsonArray blocks = (JsonArray) content;
            for (int k = 0; k < blocks.size(); k++) {
                String q = p + ".content." + k;
                JsonObject b = element(blocks, k, q);
                String type = requiredString(b, "type", q + ".type");
                switch (type) {
                    case "text" -> sb.append(sb.length() == 0 ? "" : "\n").append(requiredString(b, "text", q + ".text"));
                    case "image" -> userParts.add(image(b, q));
                    case "document" -> userParts.add(document(b, q));
                    default -> throw invalid(q + ".type", "Input should be 'text', 'image' or 'document' in a tool_result, got '"
                            + type + "'");
                }
            }
            text = sb.toString();
        } else {
            throw invalid(p + ".content", "Input should be a string or a list of content blocks, got " + Fields.typeName(content));
        }
        if (Fields.optionalBoolean(block, "is_error", p + ".is_error")) {
            text = "Error: " + text;
        }
        return new JsonObject().put("role", "tool").put("tool_call_id", id).put("content", text);
    }

    static String joinText(Object content, String path) {
        if (!(content instanceof JsonArray)) {
            throw invalid(path, "Input should be a string or a list of text blocks, got " + Fields.typeName(content));
        }
        StringBuilder sb = new StringBuilder();
        JsonArray blocks = (JsonArray) content;
        for (int k = 0; k < blocks.size(); k++) {
            JsonObject b = element(blocks, k, path + "." + k);
            String type = requiredString(b, "type", path + "." + k + ".type");
            if (!"text".equals(type)) {
                throw invalid(path + "." + k + ".type", "Input should be 'text', got '" + type + "'");
            }
            sb.append(sb.length() == 0 ? "" : "\n").append(requiredString(b, "text", path + "." + k + ".text"));
        }
        return sb.toString();
    }

    /** A server tool's block is left out; any other type is unknown. */
    private static void skipOrReject(String p, String type) {
        if (!ANTHROPIC_ONLY.contains(type)) {
            throw invalid(p + ".type", "unknown content block type '" + type + "'; expected one of " + BLOCK_TYPES
                    + ", search_result or a server tool's block");
        }
    }

    /** A search result as text: its title, source and text blocks. */
    private static JsonObject searchResult(JsonObject block, String p) {
        String title = requiredString(block, "title", p + ".title");
        String source = requiredString(block, "source", p + ".source");
        String text = joinText(block.getValue("content"), p + ".content");
        return new JsonObject().put("type", "text").put("text", title + " (" + source + ")\n\n" + text);
    }
}
