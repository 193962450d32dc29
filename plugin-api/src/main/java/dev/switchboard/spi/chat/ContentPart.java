package dev.switchboard.spi.chat;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One part of a message's content: text, an image, or a part kind Switchboard passes through
 * without interpreting ({@link #raw()} keeps the original).
 *
 * @param type     OpenAI part type: {@code text}, {@code image_url}, or another kind
 * @param text     the text for {@code text} parts, else null
 * @param imageUrl the URL (http(s) or {@code data:}) for {@code image_url} parts, else null
 * @param detail   the image detail hint, or null
 * @param raw      the part as the client sent it
 */
public record ContentPart(String type, String text, String imageUrl, String detail, JsonObject raw) {
    public ContentPart {
        Objects.requireNonNull(type, "type");
    }

    /** A text part. */
    public static ContentPart text(String text) {
        return new ContentPart("text", text, null, null, new JsonObject().put("type", "text").put("text", text));
    }

    /** An image part. */
    public static ContentPart image(String url) {
        return new ContentPart("image_url", null, url, null,
                new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", url)));
    }

    /** Whether this is a text part. */
    public boolean isText() {
        return "text".equals(type);
    }

    /** Whether this is an image part. */
    public boolean isImage() {
        return "image_url".equals(type);
    }

    /** Whether the image is inline ({@code data:} URL). */
    public boolean isDataUrl() {
        return imageUrl != null && imageUrl.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The media type of a {@code data:} URL (e.g. {@code image/png}), or null. */
    public String dataMediaType() {
        if (!isDataUrl()) {
            return null;
        }
        int end = imageUrl.indexOf(';');
        int comma = imageUrl.indexOf(',');
        if (end < 0 || (comma >= 0 && comma < end)) {
            end = comma;
        }
        return end > 5 ? imageUrl.substring(5, end) : null;
    }

    /** The base64 payload of a {@code data:} URL, or null. */
    public String dataBase64() {
        if (!isDataUrl()) {
            return null;
        }
        int comma = imageUrl.indexOf(',');
        return comma < 0 ? null : imageUrl.substring(comma + 1);
    }
}
