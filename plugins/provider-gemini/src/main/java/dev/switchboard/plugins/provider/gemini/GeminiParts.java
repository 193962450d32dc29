package dev.switchboard.plugins.provider.gemini;

import dev.switchboard.spi.chat.ContentPart;
import dev.switchboard.spi.chat.InvalidRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates OpenAI content parts of a user message into Gemini parts: text, images ({@code data:}
 * URLs inline as {@code inline_data}, other URLs by reference as {@code file_data}), audio
 * ({@code input_audio}) and files ({@code file} with a {@code data:} URL).
 */
final class GeminiParts {

    /** Media types by file extension, for {@code file_data} parts (Gemini requires one). */
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"));
    private static final String DEFAULT_IMAGE_TYPE = "image/jpeg";

    private GeminiParts() {
    }

    /**
     * Translates the parts; empty text parts are dropped (Gemini rejects them).
     *
     * @param path the request path of the content, for error messages
     * @throws InvalidRequestException for a part kind Gemini cannot take
     */
    static JsonArray userParts(List<ContentPart> parts, String path) {
        JsonArray out = new JsonArray();
        for (int i = 0; i < parts.size(); i++) {
            ContentPart p = parts.get(i);
            String partPath = path + "[" + i + "]";
            switch (p.type()) {
                case "text" -> {
                    if (p.text() != null && !p.text().isEmpty()) {
                        out.add(new JsonObject().put("text", p.text()));
                    }
                }
                case "image_url" -> out.add(image(p.imageUrl(), partPath + ".image_url.url"));
                case "input_audio" -> out.add(audio(p.raw(), partPath + ".input_audio"));
                case "file" -> out.add(file(p.raw(), partPath + ".file.file_data"));
                default -> throw new InvalidRequestException(partPath + ".type",
                        "content part type '" + p.type() + "' is not supported by Gemini; use text, image_url, input_audio or file");
            }
        }
        return out;
    }

    private static JsonObject image(String url, String param) {
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            return inlineData(url, param);
        }
        JsonObject fileData = new JsonObject().put("mime_type", guessMediaType(url)).put("file_uri", url);
        return new JsonObject().put("file_data", fileData);
    }

    private static JsonObject audio(JsonObject raw, String param) {
        JsonObject audio = raw == null ? null : GeminiJson.obj(raw, "input_audio");
        String data = audio == null ? null : GeminiJson.str(audio.getValue("data"));
        String format = audio == null ? null : GeminiJson.str(audio.getValue("format"));
        if (data == null || format == null) {
            throw new InvalidRequestException(param, "'" + param + "' must be {\"data\": <base64>, \"format\": \"wav\" or \"mp3\"}");
        }
        JsonObject inline = new JsonObject().put("mime_type", "audio/" + format.toLowerCase(Locale.ROOT)).put("data", data);
        return new JsonObject().put("inline_data", inline);
    }

    private static JsonObject file(JsonObject raw, String param) {
        JsonObject file = raw == null ? null : GeminiJson.obj(raw, "file");
        String data = file == null ? null : GeminiJson.str(file.getValue("file_data"));
        if (data == null || !data.regionMatches(true, 0, "data:", 0, 5)) {
            throw new InvalidRequestException(param, "'" + param + "' must be a data: URL (data:application/pdf;base64,...); Gemini cannot resolve OpenAI file ids");
        }
        return inlineData(data, param);
    }

    /** {@code data:<type>;base64,<payload>} becomes {@code inline_data {mime_type, data}}. */
    private static JsonObject inlineData(String dataUrl, String param) {
        int comma = dataUrl.indexOf(',');
        String header = comma < 0 ? "" : dataUrl.substring(5, comma);
        if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new InvalidRequestException(param, "'" + param + "' must be a base64 data URL like data:image/png;base64,...");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length());
        JsonObject inline = new JsonObject().put("mime_type", mediaType.isEmpty() ? DEFAULT_IMAGE_TYPE : mediaType)
                .put("data", dataUrl.substring(comma + 1));
        return new JsonObject().put("inline_data", inline);
    }

    /** The media type from the URL path's extension; query and fragment are ignored. */
    static String guessMediaType(String url) {
        String path = url;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return DEFAULT_IMAGE_TYPE;
        }
        return MEDIA_TYPES.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_IMAGE_TYPE);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
