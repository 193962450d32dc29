package dev.switchboard.spi.chat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a {@link ChatChunk} as OpenAI {@code chat.completion.chunk} JSON straight into a buffer:
 * the same bytes {@code chunk.toJson().toBuffer()} gives (same fields, same order), without the
 * tree of maps and lists built and walked once per streamed chunk. Jackson's own work buffers are
 * recycled per thread, so a chunk costs its output bytes and a generator.
 */
final class ChatChunkJson {
    /** Characters outside the BMP as their UTF-8 bytes, as Vert.x's encoder writes them (not as escaped surrogates). */
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private ChatChunkJson() {
    }

    /** Appends {@code chunk}'s JSON to {@code out}; answers {@code out}. */
    static Buffer append(ChatChunk chunk, Buffer out) {
        try (JsonGenerator g = FACTORY.createGenerator(new BufferOutput(out))) {
            g.writeStartObject();
            g.writeStringField("id", chunk.id());
            g.writeStringField("object", "chat.completion.chunk");
            g.writeNumberField("created", chunk.created());
            g.writeStringField("model", chunk.model());
            g.writeArrayFieldStart("choices");
            for (ChatChunk.Delta d : chunk.choices()) {
                delta(g, d);
            }
            g.writeEndArray();
            if (chunk.usage() != null) {
                usage(g, chunk.usage());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a Buffer does not fail
        }
        return out;
    }

    private static void delta(JsonGenerator g, ChatChunk.Delta d) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", d.index());
        g.writeObjectFieldStart("delta");
        if (d.role() != null) {
            g.writeStringField("role", d.role());
        }
        if (d.content() != null) {
            g.writeStringField("content", d.content());
        }
        if (!d.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
                toolCall(g, t);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeNullField("logprobs");
        if (d.finishReason() == null) {
            g.writeNullField("finish_reason");
        } else {
            g.writeStringField("finish_reason", d.finishReason());
        }
        g.writeEndObject();
    }

    private static void toolCall(JsonGenerator g, ChatChunk.ToolCallDelta t) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", t.index());
        if (t.id() != null) {
            g.writeStringField("id", t.id());
            g.writeStringField("type", "function");
        }
        g.writeObjectFieldStart("function");
        if (t.name() != null) {
            g.writeStringField("name", t.name());
        }
        if (t.arguments() != null) {
            g.writeStringField("arguments", t.arguments());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** As {@link Usage#toJson()}. */
    private static void usage(JsonGenerator g, Usage u) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", u.promptTokens());
        g.writeNumberField("completion_tokens", u.completionTokens());
        g.writeNumberField("total_tokens", u.totalTokens());
        if (u.cachedTokens() > 0) {
            g.writeObjectFieldStart("prompt_tokens_details");
            g.writeNumberField("cached_tokens", u.cachedTokens());
            g.writeEndObject();
        }
        if (u.cost() != null) {
            g.writeNumberField("cost", u.cost());
        }
        g.writeEndObject();
    }

    /** The generator's sink: appends to a Vert.x buffer. */
    private static final class BufferOutput extends OutputStream {
        private final Buffer out;

        BufferOutput(Buffer out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.appendBytes(b, off, len);
        }
    }
}
