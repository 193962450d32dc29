package dev.switchboard.spi.chat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * A complete (non-streamed) chat answer in canonical form; {@link #toJson()} is the OpenAI
 * {@code chat.completion} object sent to clients.
 *
 * @param id      response id
 * @param model   the model name the upstream reported (or the upstream model asked for)
 * @param created unix seconds
 * @param choices the choices, usually one
 * @param usage   token usage, or null when the upstream reported none
 * @param extra   other top-level fields to pass through (e.g. {@code system_fingerprint}); may be empty
 * @param source  the upstream's own {@code chat.completion} object when it is complete as it is
 *                (see {@link #fromOpenAiJson}), else null; {@link #toJson()} then answers it with
 *                only {@code usage.cost} added instead of rebuilding the object, and
 *                {@link #toBuffer()} answers its bytes (when it was read from bytes). Read-only.
 */
public record ChatResponse(String id, String model, long created, List<Choice> choices, Usage usage, JsonObject extra,
                           RawJson source) {

    public ChatResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        extra = extra == null ? new JsonObject() : extra;
    }

    /** A response built by a translating adapter (no pass-through source). */
    public ChatResponse(String id, String model, long created, List<Choice> choices, Usage usage, JsonObject extra) {
        this(id, model, created, choices, usage, extra, null);
    }

    /**
     * One answer choice.
     *
     * @param index        choice index
     * @param content      the assistant text, or null (e.g. only tool calls)
     * @param toolCalls    tool calls made, possibly empty
     * @param finishReason {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}, or null
     * @param extra        other message fields to pass through (e.g. {@code refusal}); may be empty
     */
    public record Choice(int index, String content, List<ToolCall> toolCalls, String finishReason, JsonObject extra) {
        public Choice {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            extra = extra == null ? new JsonObject() : extra;
        }

        /** A text-only choice. */
        public static Choice text(int index, String content, String finishReason) {
            return new Choice(index, content, List.of(), finishReason, null);
        }
    }

    /** This response with a different usage. */
    public ChatResponse withUsage(Usage newUsage) {
        return new ChatResponse(id, model, created, choices, newUsage, extra, source);
    }

    /**
     * The OpenAI {@code chat.completion} JSON as bytes: an upstream object read from bytes is
     * answered as those bytes with the cost spliced in ({@link RawJson#answer}); otherwise
     * {@link #toJson()} serialised.
     */
    public Buffer toBuffer() {
        Buffer b = source == null ? null : source.answer(usage);
        return b != null ? b : toJson().toBuffer();
    }

    /** The OpenAI {@code chat.completion} JSON. */
    public JsonObject toJson() {
        if (source != null) {
            return passThrough();
        }
        JsonArray cs = new JsonArray();
        for (Choice c : choices) {
            JsonObject message = new JsonObject().put("role", "assistant").put("content", c.content());
            c.extra().forEach(e -> message.put(e.getKey(), e.getValue()));
            if (!c.toolCalls().isEmpty()) {
                JsonArray tcs = new JsonArray();
                c.toolCalls().forEach(tc -> tcs.add(tc.toJson()));
                message.put("tool_calls", tcs);
            }
            cs.add(new JsonObject().put("index", c.index()).put("message", message)
                    .put("logprobs", null).put("finish_reason", c.finishReason()));
        }
        JsonObject json = new JsonObject().put("id", id).put("object", "chat.completion").put("created", created)
                .put("model", model).put("choices", cs);
        extra.forEach(e -> json.put(e.getKey(), e.getValue()));
        if (usage != null) {
            json.put("usage", usage.toJson());
        }
        return json;
    }

    /**
     * The source object, shallow-copied, with the usage's cost added: the upstream's bytes are
     * answered field for field (usage details included), and nothing but the top level and the
     * usage object is copied.
     */
    private JsonObject passThrough() {
        JsonObject json = new JsonObject(new LinkedHashMap<>(source.json().getMap()));
        if (usage != null) {
            Object upstream = source.json().getValue("usage");
            if (upstream instanceof JsonObject) {
                JsonObject merged = new JsonObject(new LinkedHashMap<>(((JsonObject) upstream).getMap()));
                if (usage.cost() != null) {
                    merged.put("cost", usage.cost());
                }
                json.put("usage", merged);
            } else {
                json.put("usage", usage.toJson());
            }
        }
        return json;
    }

    /**
     * Reads an OpenAI {@code chat.completion} object. When the object is complete as the OpenAI
     * API sends it ({@code id}, {@code object: chat.completion}, {@code created}, {@code model},
     * each choice an object with {@code index} and a {@code message} object), it is kept as the
     * {@link #source} and answered as it is; otherwise the answer is rebuilt with defaults filled in.
     *
     * @throws IllegalArgumentException when required fields are missing or ill-typed
     */
    public static ChatResponse fromOpenAiJson(JsonObject json) {
        return fromOpenAi(RawJson.of(json));
    }

    /**
     * Reads an OpenAI {@code chat.completion} object read from bytes (e.g. the toolkit's {@code SourceJson.parse}), as
     * {@link #fromOpenAiJson} does; a complete object is answered as its bytes by {@link #toBuffer()}.
     *
     * @throws IllegalArgumentException when required fields are missing or ill-typed
     */
    public static ChatResponse fromOpenAi(RawJson source) {
        JsonObject json = source.json();
        if (!(json.getValue("choices") instanceof JsonArray)) {
            throw new IllegalArgumentException("response has no 'choices' array");
        }
        List<Choice> choices = new ArrayList<>();
        JsonArray cs = json.getJsonArray("choices");
        for (int i = 0; i < cs.size(); i++) {
            if (!(cs.getValue(i) instanceof JsonObject)) {
                throw new IllegalArgumentException("choices[" + i + "] is not an object");
            }
            JsonObject c = cs.getJsonObject(i);
            JsonObject msg = c.getValue("message") instanceof JsonObject ? c.getJsonObject("message") : new JsonObject();
            JsonObject extraMsg = new JsonObject();
            msg.forEach(e -> {
                if (!"role".equals(e.getKey()) && !"content".equals(e.getKey()) && !"tool_calls".equals(e.getKey())) {
                    extraMsg.put(e.getKey(), e.getValue());
                }
            });
            Object content = msg.getValue("content");
            choices.add(new Choice(c.getValue("index") instanceof Number ? c.getInteger("index") : i,
                    content instanceof String ? (String) content : null, toolCalls(msg.getValue("tool_calls")),
                    c.getValue("finish_reason") instanceof String ? c.getString("finish_reason") : null, extraMsg));
        }
        JsonObject extra = new JsonObject();
        json.forEach(e -> {
            switch (e.getKey()) {
                case "id", "object", "created", "model", "choices", "usage" -> { }
                default -> extra.put(e.getKey(), e.getValue());
            }
        });
        Object created = json.getValue("created");
        Object model = json.getValue("model");
        Object id = json.getValue("id");
        boolean complete = id instanceof String && model instanceof String && created instanceof Number
                && "chat.completion".equals(json.getValue("object")) && choicesComplete(cs, "message", true);
        return new ChatResponse(id instanceof String ? (String) id : "chatcmpl-unknown", model instanceof String ? (String) model : "",
                created instanceof Number ? ((Number) created).longValue() : System.currentTimeMillis() / 1000,
                choices, Usage.fromOpenAiJson(json.getValue("usage") instanceof JsonObject ? json.getJsonObject("usage") : null), extra,
                complete ? source : null);
    }

    /**
     * Whether every choice is an object as OpenAI sends it: a numeric {@code index}, a {@code body}
     * object ({@code message}, or {@code delta} in a chunk) and, when asked, a {@code finish_reason} key.
     * The caller has checked that every element is an object.
     */
    static boolean choicesComplete(JsonArray choices, String body, boolean finishReason) {
        for (int i = 0; i < choices.size(); i++) {
            JsonObject c = choices.getJsonObject(i);
            if (!(c.getValue("index") instanceof Number) || !(c.getValue(body) instanceof JsonObject)
                    || finishReason && !c.containsKey("finish_reason")) {
                return false;
            }
        }
        return true;
    }

    static List<ToolCall> toolCalls(Object v) {
        if (!(v instanceof JsonArray)) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>();
        for (Object o : (JsonArray) v) {
            if (o instanceof JsonObject && ((JsonObject) o).getValue("function") instanceof JsonObject) {
                JsonObject fn = ((JsonObject) o).getJsonObject("function");
                Object args = fn.getValue("arguments");
                out.add(new ToolCall(((JsonObject) o).getString("id"), String.valueOf(fn.getValue("name")),
                        args instanceof String ? (String) args : args == null ? "{}" : args.toString()));
            }
        }
        return out;
    }
}
