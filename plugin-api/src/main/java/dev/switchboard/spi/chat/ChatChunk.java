package dev.switchboard.spi.chat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One streamed chunk in canonical form; {@link #toJson()} is the OpenAI
 * {@code chat.completion.chunk} object sent as one SSE {@code data:} event.
 *
 * @param id      stream id (the same for every chunk of a stream)
 * @param model   model name reported upstream
 * @param created unix seconds
 * @param choices deltas; empty for the final usage-only chunk
 * @param usage   usage, normally only on the last chunk, else null
 * @param source  the upstream's own {@code chat.completion.chunk} when it is complete as it is
 *                (see {@link #fromOpenAi}), else null: {@link #toBuffer()} then answers its bytes
 *                (with the cost spliced into its usage) instead of rebuilding it. Read-only.
 */
public record ChatChunk(String id, String model, long created, List<Delta> choices, Usage usage, RawJson source) {

    public ChatChunk {
        Objects.requireNonNull(id, "id");
        model = model == null ? "" : model;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** A chunk built by a translating adapter (no pass-through source). */
    public ChatChunk(String id, String model, long created, List<Delta> choices, Usage usage) {
        this(id, model, created, choices, usage, null);
    }

    /**
     * One choice's delta.
     *
     * @param index        choice index
     * @param role         {@code assistant} on the first delta, else null
     * @param content      a text fragment, or null
     * @param toolCalls    tool-call fragments, possibly empty
     * @param finishReason set on the last delta of the choice, else null
     */
    public record Delta(int index, String role, String content, List<ToolCallDelta> toolCalls, String finishReason) {
        public Delta {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /**
     * A fragment of a streamed tool call: the first fragment of a call carries id and name, later
     * ones carry pieces of the JSON arguments.
     *
     * @param index     the tool call's position in the message
     * @param id        call id on the first fragment, else null
     * @param name      function name on the first fragment, else null
     * @param arguments a piece of the arguments JSON string, or null
     */
    public record ToolCallDelta(int index, String id, String name, String arguments) {
    }

    /** A chunk with one text delta. */
    public static ChatChunk text(String id, String model, long created, String role, String content, String finishReason) {
        return new ChatChunk(id, model, created, List.of(new Delta(0, role, content, List.of(), finishReason)), null);
    }

    /** A chunk carrying only usage (OpenAI's last chunk with {@code stream_options.include_usage}). */
    public static ChatChunk usageOnly(String id, String model, long created, Usage usage) {
        return new ChatChunk(id, model, created, List.of(), usage);
    }

    /** Whether this chunk carries anything a client sees: text, a tool call or a finish reason. */
    public boolean hasContent() {
        for (Delta d : choices) {
            if ((d.content() != null && !d.content().isEmpty()) || !d.toolCalls().isEmpty() || d.finishReason() != null) {
                return true;
            }
        }
        return false;
    }

    /** This chunk with a different usage. */
    public ChatChunk withUsage(Usage newUsage) {
        return new ChatChunk(id, model, created, choices, newUsage, source);
    }

    /**
     * The SSE event payload: the upstream's bytes when this chunk has a {@link #source} and they
     * say the same (its usage unchanged but for our cost, spliced in: {@link RawJson#answer});
     * otherwise {@link #toJson()} serialised, e.g. for a usage removed from a chunk that had one.
     */
    public Buffer toBuffer() {
        Buffer b = source == null ? null : source.answer(usage);
        return b != null ? b : ChatChunkJson.append(this, Buffer.buffer(256));
    }

    /**
     * Appends the bytes {@link #toBuffer()} answers to {@code out} (e.g. after an SSE
     * {@code data: } prefix), writing a rebuilt chunk straight into it; answers {@code out}.
     */
    public Buffer appendTo(Buffer out) {
        Buffer b = source == null ? null : source.answer(usage);
        return b != null ? out.appendBuffer(b) : ChatChunkJson.append(this, out);
    }

    /** The OpenAI {@code chat.completion.chunk} JSON. */
    public JsonObject toJson() {
        JsonArray cs = new JsonArray();
        for (Delta d : choices) {
            JsonObject delta = new JsonObject();
            if (d.role() != null) {
                delta.put("role", d.role());
            }
            if (d.content() != null) {
                delta.put("content", d.content());
            }
            if (!d.toolCalls().isEmpty()) {
                JsonArray tcs = new JsonArray();
                for (ToolCallDelta t : d.toolCalls()) {
                    JsonObject tc = new JsonObject().put("index", t.index());
                    if (t.id() != null) {
                        tc.put("id", t.id()).put("type", "function");
                    }
                    JsonObject fn = new JsonObject();
                    if (t.name() != null) {
                        fn.put("name", t.name());
                    }
                    if (t.arguments() != null) {
                        fn.put("arguments", t.arguments());
                    }
                    tc.put("function", fn);
                    tcs.add(tc);
                }
                delta.put("tool_calls", tcs);
            }
            cs.add(new JsonObject().put("index", d.index()).put("delta", delta).put("logprobs", null)
                    .put("finish_reason", d.finishReason()));
        }
        JsonObject json = new JsonObject().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model).put("choices", cs);
        if (usage != null) {
            json.put("usage", usage.toJson());
        }
        return json;
    }

    /**
     * Reads an OpenAI {@code chat.completion.chunk} object.
     *
     * @throws IllegalArgumentException when {@code choices} is missing or ill-typed
     */
    public static ChatChunk fromOpenAiJson(JsonObject json) {
        return fromOpenAi(RawJson.of(json));
    }

    /**
     * Reads an OpenAI {@code chat.completion.chunk} read from bytes (e.g. the toolkit's {@code SourceJson.parse}), as
     * {@link #fromOpenAiJson} does; a chunk complete as OpenAI sends it ({@code id},
     * {@code object: chat.completion.chunk}, {@code created}, {@code model}, each choice an object
     * with {@code index} and a {@code delta} object) keeps its source and is answered as its bytes.
     *
     * @throws IllegalArgumentException when {@code choices} is ill-typed
     */
    public static ChatChunk fromOpenAi(RawJson source) {
        JsonObject json = source.json();
        Object cs = json.getValue("choices");
        if (cs != null && !(cs instanceof JsonArray)) {
            throw new IllegalArgumentException("chunk 'choices' is not an array");
        }
        List<Delta> deltas = new ArrayList<>();
        if (cs != null) {
            for (Object o : (JsonArray) cs) {
                if (!(o instanceof JsonObject)) {
                    throw new IllegalArgumentException("chunk choice is not an object");
                }
                JsonObject c = (JsonObject) o;
                JsonObject d = c.getValue("delta") instanceof JsonObject ? c.getJsonObject("delta") : new JsonObject();
                List<ToolCallDelta> tcs = new ArrayList<>();
                if (d.getValue("tool_calls") instanceof JsonArray) {
                    for (Object t : d.getJsonArray("tool_calls")) {
                        if (t instanceof JsonObject) {
                            JsonObject tc = (JsonObject) t;
                            JsonObject fn = tc.getValue("function") instanceof JsonObject ? tc.getJsonObject("function") : new JsonObject();
                            tcs.add(new ToolCallDelta(tc.getValue("index") instanceof Number ? tc.getInteger("index") : 0,
                                    str(tc.getValue("id")), str(fn.getValue("name")), str(fn.getValue("arguments"))));
                        }
                    }
                }
                deltas.add(new Delta(c.getValue("index") instanceof Number ? c.getInteger("index") : 0, str(d.getValue("role")),
                        str(d.getValue("content")), tcs, str(c.getValue("finish_reason"))));
            }
        }
        Object created = json.getValue("created");
        Object usage = json.getValue("usage");
        boolean complete = json.getValue("id") instanceof String && json.getValue("model") instanceof String
                && created instanceof Number && "chat.completion.chunk".equals(json.getValue("object")) && cs instanceof JsonArray
                && ChatResponse.choicesComplete((JsonArray) cs, "delta", false);
        return new ChatChunk(str(json.getValue("id")) == null ? "chatcmpl-unknown" : json.getString("id"), str(json.getValue("model")),
                created instanceof Number ? ((Number) created).longValue() : System.currentTimeMillis() / 1000, deltas,
                usage instanceof JsonObject ? Usage.fromOpenAiJson((JsonObject) usage) : null, complete ? source : null);
    }

    private static String str(Object v) {
        return v instanceof String ? (String) v : null;
    }
}
