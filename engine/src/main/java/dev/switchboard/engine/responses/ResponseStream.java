package dev.switchboard.engine.responses;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Turns a chat completions stream into the Responses API's semantic events, in OpenAI's order:
 * {@code response.created}, {@code response.in_progress}; per text item
 * {@code response.output_item.added}, {@code response.content_part.added},
 * {@code response.output_text.delta}..., {@code response.output_text.done},
 * {@code response.content_part.done}, {@code response.output_item.done}; per function call
 * {@code response.output_item.added}, {@code response.function_call_arguments.delta}...,
 * {@code response.function_call_arguments.done}, {@code response.output_item.done}; then
 * {@code response.completed} (or {@code response.incomplete}), or {@code error}. Every event
 * carries {@code type} and a {@code sequence_number} counting from 0. Transport-free: the HTTP and
 * event-bus sinks hand each event on. Not thread-safe (one stream, one event loop).
 */
public final class ResponseStream {
    private final ResponsesRequest request;
    private final String id;
    private final long createdAt = System.currentTimeMillis() / 1000;
    private final Consumer<JsonObject> out;
    private final JsonArray output = new JsonArray();
    private String model;
    private int sequence;
    private JsonObject open;          // the item being streamed, or null
    private StringBuilder openText;   // its text or arguments so far
    private int openToolIndex = -1;
    private String finishReason;

    /**
     * @param id  the response id
     * @param out receives each event
     */
    ResponseStream(ResponsesRequest request, String id, Consumer<JsonObject> out) {
        this.request = request;
        this.id = id;
        this.out = out;
    }

    /** The response id. */
    public String id() {
        return id;
    }

    /** The stream is committed to {@code servedModel}: {@code response.created} and {@code response.in_progress}. */
    public void start(String servedModel) {
        this.model = servedModel;
        JsonObject r = ResponseObjects.skeleton(request, id, createdAt, model, "in_progress");
        emit("response.created", new JsonObject().put("response", r));
        emit("response.in_progress", new JsonObject().put("response", r.copy()));
    }

    /** One chat chunk: text and tool-call fragments of choice 0 become item events. */
    public void chunk(ChatChunk chunk) {
        for (ChatChunk.Delta d : chunk.choices()) {
            if (d.index() != 0) {
                continue;
            }
            if (d.content() != null && !d.content().isEmpty()) {
                text(d.content());
            }
            for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
                toolCall(t);
            }
            if (d.finishReason() != null) {
                finishReason = d.finishReason();
            }
        }
    }

    /** The upstream finished: closes the open item, emits the final event and returns the final response. */
    public JsonObject complete(Usage usage) {
        close();
        JsonObject r = ResponseObjects.finish(ResponseObjects.skeleton(request, id, createdAt, model, "completed").put("output", output.copy()),
                finishReason, usage);
        emit("completed".equals(r.getString("status")) ? "response.completed" : "response.incomplete", new JsonObject().put("response", r));
        return r;
    }

    /** The stream broke after it started: an {@code error} event in OpenAI's shape. */
    public void error(ApiException e) {
        emit("error", new JsonObject().put("code", e.code() == null ? e.type() : e.code()).put("message", e.getMessage())
                .put("param", e.param()));
    }

    private void text(String delta) {
        if (open != null && !"message".equals(open.getString("type"))) {
            close();
        }
        if (open == null) {
            open = ResponseObjects.message(ResponseObjects.id("msg"), null, "in_progress");
            openText = new StringBuilder();
            emit("response.output_item.added", new JsonObject().put("output_index", output.size()).put("item", open.copy()));
            emit("response.content_part.added", itemRef().put("content_index", 0).put("part", ResponseObjects.textPart("")));
        }
        openText.append(delta);
        emit("response.output_text.delta", itemRef().put("content_index", 0).put("delta", delta).put("logprobs", new JsonArray()));
    }

    private void toolCall(ChatChunk.ToolCallDelta t) {
        if (open == null || !"function_call".equals(open.getString("type")) || t.index() != openToolIndex) {
            close();
            open = ResponseObjects.functionCall(ResponseObjects.id("fc"), t.id(), t.name(), "", "in_progress");
            openText = new StringBuilder();
            openToolIndex = t.index();
            emit("response.output_item.added", new JsonObject().put("output_index", output.size()).put("item", open.copy()));
        }
        if (t.arguments() != null && !t.arguments().isEmpty()) {
            openText.append(t.arguments());
            emit("response.function_call_arguments.delta", itemRef().put("delta", t.arguments()));
        }
    }

    private void close() {
        if (open == null) {
            return;
        }
        String text = openText.toString();
        if ("message".equals(open.getString("type"))) {
            emit("response.output_text.done", itemRef().put("content_index", 0).put("text", text).put("logprobs", new JsonArray()));
            emit("response.content_part.done", itemRef().put("content_index", 0).put("part", ResponseObjects.textPart(text)));
            open = ResponseObjects.message(open.getString("id"), text, "completed");
        } else {
            emit("response.function_call_arguments.done", itemRef().put("name", open.getString("name")).put("arguments", text));
            open = ResponseObjects.functionCall(open.getString("id"), open.getString("call_id"), open.getString("name"), text, "completed");
        }
        emit("response.output_item.done", new JsonObject().put("output_index", output.size()).put("item", open));
        output.add(open);
        open = null;
        openToolIndex = -1;
    }

    private JsonObject itemRef() {
        return new JsonObject().put("item_id", open.getString("id")).put("output_index", output.size());
    }

    private void emit(String type, JsonObject event) {
        JsonObject e = new JsonObject().put("type", type);
        event.forEach(f -> e.put(f.getKey(), f.getValue()));
        out.accept(e.put("sequence_number", sequence++));
    }
}
