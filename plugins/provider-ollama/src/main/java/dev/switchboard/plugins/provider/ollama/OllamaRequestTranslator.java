package dev.switchboard.plugins.provider.ollama;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ContentPart;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.chat.ToolCall;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the {@code /api/chat} body from a canonical request: sampling parameters through one
 * mapping table into {@code options}, plus named transforms for messages, images, tools and
 * response formats.
 */
final class OllamaRequestTranslator {

    /** One OpenAI request value copied into Ollama's {@code options} object under another name. */
    private record OptionMapping(String ollamaKey, Function<ChatRequest, Object> value) {
    }

    private static final List<OptionMapping> OPTIONS = List.of(
            new OptionMapping("temperature", ChatRequest::temperature),
            new OptionMapping("top_p", ChatRequest::topP),
            new OptionMapping("num_predict", ChatRequest::maxTokens),
            new OptionMapping("stop", r -> r.stop().isEmpty() ? null : new JsonArray(new ArrayList<>(r.stop()))),
            new OptionMapping("seed", r -> number(r.body(), "seed")),
            new OptionMapping("frequency_penalty", r -> number(r.body(), "frequency_penalty")),
            new OptionMapping("presence_penalty", r -> number(r.body(), "presence_penalty")));

    private final OllamaSettings settings;

    OllamaRequestTranslator(OllamaSettings settings) {
        this.settings = settings;
    }

    /**
     * The Ollama body; {@code stream} is always explicit because Ollama streams when it is absent.
     *
     * @throws InvalidRequestException when the request cannot be expressed for Ollama
     */
    JsonObject translate(ChatRequest request, ModelDescriptor model) {
        Object n = request.body().getValue("n");
        if (n instanceof Number && ((Number) n).intValue() != 1) {
            throw new InvalidRequestException("n", "Ollama returns a single choice; 'n' must be 1, got " + n);
        }
        JsonObject body = new JsonObject()
                .put("model", model.upstreamModel())
                .put("messages", messages(request.messages()))
                .put("stream", request.stream());
        JsonObject options = options(request, model);
        if (!options.isEmpty()) {
            body.put("options", options);
        }
        Object format = format(request.responseFormat());
        if (format != null) {
            body.put("format", format);
        }
        // Ollama has no tool_choice; "none" is honoured by not offering the tools at all.
        if (request.hasTools() && !"none".equals(request.toolChoice())) {
            body.put("tools", request.tools().copy());
        }
        if (settings.keepAlive() != null) {
            body.put("keep_alive", settings.keepAlive());
        }
        return body;
    }

    private JsonObject options(ChatRequest request, ModelDescriptor model) {
        JsonObject options = new JsonObject();
        for (OptionMapping m : OPTIONS) {
            Object value = m.value().apply(request);
            if (value != null) {
                options.put(m.ollamaKey(), value);
            }
        }
        if (settings.setNumCtx()) {
            options.put("num_ctx", model.contextWindow());
        }
        return options;
    }

    private static Object number(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof Number)) {
            throw new InvalidRequestException(field, "'" + field + "' must be a number");
        }
        return v;
    }

    /** {@code json_object} becomes {@code "json"}; {@code json_schema} becomes the schema itself. */
    static Object format(JsonObject responseFormat) {
        if (responseFormat == null) {
            return null;
        }
        Object type = responseFormat.getValue("type");
        if (type == null || "text".equals(type)) {
            return null;
        }
        if ("json_object".equals(type)) {
            return "json";
        }
        if ("json_schema".equals(type)) {
            Object js = responseFormat.getValue("json_schema");
            Object schema = js instanceof JsonObject ? ((JsonObject) js).getValue("schema") : null;
            if (!(schema instanceof JsonObject)) {
                throw new InvalidRequestException("response_format.json_schema.schema",
                        "'response_format.json_schema.schema' must be a JSON schema object");
            }
            return ((JsonObject) schema).copy();
        }
        throw new InvalidRequestException("response_format.type",
                "'response_format.type' must be text, json_object or json_schema, got " + type);
    }

    private static JsonArray messages(List<ChatMessage> messages) {
        Map<String, String> toolNames = new HashMap<>();
        JsonArray out = new JsonArray();
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages.get(i), "messages[" + i + "]", toolNames));
        }
        return out;
    }

    private static JsonObject message(ChatMessage m, String path, Map<String, String> toolNames) {
        JsonObject out = new JsonObject();
        switch (m.role()) {
            case "system", "developer" -> out.put("role", "system");
            case "tool", "function" -> out.put("role", "tool");
            default -> out.put("role", m.role());
        }
        content(m, path, out);
        if (!m.toolCalls().isEmpty()) {
            out.put("tool_calls", toolCalls(m.toolCalls(), path, toolNames));
        }
        if ("tool".equals(m.role()) || "function".equals(m.role())) {
            String name = m.name() != null ? m.name() : toolNames.get(m.toolCallId());
            if (name != null) {
                out.put("tool_name", name);
            }
        }
        return out;
    }

    /** Text parts joined with newlines into {@code content}; data-URL images into {@code images}. */
    private static void content(ChatMessage m, String path, JsonObject out) {
        StringBuilder text = new StringBuilder();
        JsonArray images = new JsonArray();
        for (int j = 0; j < m.parts().size(); j++) {
            ContentPart p = m.parts().get(j);
            String partPath = path + ".content[" + j + "]";
            if (p.isText()) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(p.text() == null ? "" : p.text());
            } else if (p.isImage()) {
                images.add(imageBase64(p, partPath));
            } else {
                throw new InvalidRequestException(partPath + ".type",
                        "Ollama accepts only text and image_url content parts, got '" + p.type() + "'");
            }
        }
        out.put("content", text.toString());
        if (!images.isEmpty()) {
            out.put("images", images);
        }
    }

    private static String imageBase64(ContentPart p, String path) {
        if (!p.isDataUrl()) {
            throw new InvalidRequestException(path + ".image_url",
                    "Ollama cannot fetch image URLs; send the image inline as a data URL (data:image/png;base64,...)");
        }
        String url = p.imageUrl();
        int comma = url.indexOf(',');
        if (comma < 0 || comma == url.length() - 1 || !url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new InvalidRequestException(path + ".image_url", "the image data URL must be base64-encoded (data:image/png;base64,...)");
        }
        return p.dataBase64();
    }

    /** OpenAI's JSON-string arguments become the object Ollama expects; names are kept for later tool messages. */
    private static JsonArray toolCalls(List<ToolCall> calls, String path, Map<String, String> toolNames) {
        JsonArray out = new JsonArray();
        for (int j = 0; j < calls.size(); j++) {
            ToolCall call = calls.get(j);
            if (call.id() != null) {
                toolNames.put(call.id(), call.name());
            }
            JsonObject fn = new JsonObject().put("name", call.name())
                    .put("arguments", arguments(call.arguments(), path + ".tool_calls[" + j + "].function.arguments"));
            out.add(new JsonObject().put("function", fn));
        }
        return out;
    }

    private static JsonObject arguments(String json, String path) {
        if (json.isBlank()) {
            return new JsonObject();
        }
        try {
            Object v = Json.decodeValue(json);
            if (v instanceof JsonObject) {
                return (JsonObject) v;
            }
        } catch (DecodeException notJson) {
            // reported below
        }
        throw new InvalidRequestException(path, "'" + path + "' must be a JSON object string for Ollama");
    }
}
