package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ContentPart;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.chat.ToolCall;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Builds Anthropic content blocks from OpenAI message pieces: text, images, tool calls and tool
 * results. Every rejection names the offending request field.
 */
final class ContentBlocks {
    private ContentBlocks() {
    }

    /** A text block; {@code cache_control} on the client's part is kept so prompt caching works. */
    static JsonObject text(ContentPart part) {
        return withCacheControl(new JsonObject().put("type", "text").put("text", part.text()), part);
    }

    /**
     * A text or image block for a user-side part.
     *
     * @param path the part's request path, e.g. {@code messages[2].content[1]}
     * @throws InvalidRequestException for part kinds Anthropic cannot take here (audio, files...)
     */
    static JsonObject userPart(ContentPart part, String path) {
        if (part.isText()) {
            return text(part);
        }
        if (part.isImage()) {
            return withCacheControl(new JsonObject().put("type", "image").put("source", imageSource(part, path)), part);
        }
        throw new InvalidRequestException(path + ".type", "content part type '" + part.type()
                + "' at " + path + " is not supported by the anthropic provider; use text or image_url parts");
    }

    private static JsonObject imageSource(ContentPart part, String path) {
        String url = part.imageUrl();
        if (part.isDataUrl()) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? url : url.substring(0, comma);
            String mediaType = part.dataMediaType();
            if (mediaType == null || !header.toLowerCase(Locale.ROOT).endsWith(";base64") || part.dataBase64() == null) {
                throw new InvalidRequestException(path + ".image_url", "the image at " + path
                        + " must be a base64 data URL like data:image/png;base64,... or an http(s) URL");
            }
            return new JsonObject().put("type", "base64").put("media_type", mediaType).put("data", part.dataBase64());
        }
        String lowered = url.toLowerCase(Locale.ROOT);
        if (lowered.startsWith("https://") || lowered.startsWith("http://")) {
            return new JsonObject().put("type", "url").put("url", url);
        }
        throw new InvalidRequestException(path + ".image_url", "the image URL at " + path
                + " must be http(s) or a base64 data URL; Anthropic cannot fetch '" + schemeOf(url) + "' URLs");
    }

    /**
     * A {@code tool_use} block for an assistant's tool call; the arguments string becomes the input object.
     *
     * @param path the call's request path, e.g. {@code messages[3].tool_calls[0]}
     */
    static JsonObject toolUse(ToolCall call, String path) {
        if (call.id() == null || call.id().isBlank()) {
            throw new InvalidRequestException(path + ".id", "the tool call at " + path + " needs an id; Anthropic matches tool results to calls by id");
        }
        return new JsonObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                .put("input", arguments(call.arguments(), path + ".function.arguments"));
    }

    private static JsonObject arguments(String arguments, String path) {
        if (arguments.isBlank()) {
            return new JsonObject();
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(arguments);
        } catch (DecodeException e) {
            throw new InvalidRequestException(path, path + " is not valid JSON; Anthropic needs tool call arguments as a JSON object");
        }
        if (!(parsed instanceof JsonObject)) {
            throw new InvalidRequestException(path, path + " must be a JSON object, got " + JsonFields.truncate(arguments));
        }
        return (JsonObject) parsed;
    }

    /**
     * A {@code tool_result} block for a {@code tool} message: plain text stays a string, mixed
     * text and images become blocks.
     *
     * @param path the message's request path, e.g. {@code messages[4]}
     */
    static JsonObject toolResult(ChatMessage message, String path) {
        JsonObject block = new JsonObject().put("type", "tool_result").put("tool_use_id", message.toolCallId());
        if (message.parts().stream().allMatch(ContentPart::isText)) {
            String text = message.text();
            if (!text.isEmpty()) {
                block.put("content", text);
            }
            return block;
        }
        JsonArray content = new JsonArray();
        for (int j = 0; j < message.parts().size(); j++) {
            content.add(userPart(message.parts().get(j), path + ".content[" + j + "]"));
        }
        return block.put("content", content);
    }

    private static JsonObject withCacheControl(JsonObject block, ContentPart part) {
        JsonObject cacheControl = JsonFields.object(part.raw(), "cache_control");
        return cacheControl == null ? block : block.put("cache_control", cacheControl.copy());
    }

    private static String schemeOf(String url) {
        int colon = url.indexOf(':');
        return colon > 0 ? url.substring(0, colon) : url;
    }
}
