package dev.switchboard.spi.chat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link ChatChunk} as OpenAI {@code chat.completion.chunk} JSON straight into a buffer:
 * the same bytes {@code chunk.toJson().toBuffer()} gives (same fields, same order, strings escaped
 * by Jackson's own encoder, numbers as Jackson writes them), without the tree of maps and lists
 * built and walked once per streamed chunk, and without a generator per chunk. A chunk costs its
 * output bytes and one escaped copy of each string.
 */
final class ChatChunkJson {
    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    private static final byte[] HEAD = ascii("{\"id\":");
    private static final byte[] OBJECT_CREATED = ascii(",\"object\":\"chat.completion.chunk\",\"created\":");
    private static final byte[] MODEL = ascii(",\"model\":");
    private static final byte[] CHOICES = ascii(",\"choices\":[");
    private static final byte[] INDEX = ascii("{\"index\":");
    private static final byte[] DELTA = ascii(",\"delta\":{");
    private static final byte[] ROLE = ascii("\"role\":");
    private static final byte[] CONTENT = ascii("\"content\":");
    private static final byte[] TOOL_CALLS = ascii("\"tool_calls\":[");
    private static final byte[] LOGPROBS_FINISH = ascii("},\"logprobs\":null,\"finish_reason\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] ID = ascii(",\"id\":");
    private static final byte[] TYPE_FUNCTION = ascii(",\"type\":\"function\"");
    private static final byte[] FUNCTION = ascii(",\"function\":{");
    private static final byte[] NAME = ascii("\"name\":");
    private static final byte[] ARGUMENTS = ascii("\"arguments\":");
    private static final byte[] USAGE = ascii(",\"usage\":{\"prompt_tokens\":");
    private static final byte[] COMPLETION = ascii(",\"completion_tokens\":");
    private static final byte[] TOTAL = ascii(",\"total_tokens\":");
    private static final byte[] DETAILS = ascii(",\"prompt_tokens_details\":{\"cached_tokens\":");
    private static final byte[] COST = ascii(",\"cost\":");
    private static final byte[] CLOSE_TWO = ascii("}}");

    private ChatChunkJson() {
    }

    /** Appends {@code chunk}'s JSON to {@code out}; answers {@code out}. */
    static Buffer append(ChatChunk chunk, Buffer out) {
        out.appendBytes(HEAD);
        string(out, chunk.id());
        out.appendBytes(OBJECT_CREATED);
        number(out, chunk.created());
        out.appendBytes(MODEL);
        string(out, chunk.model());
        out.appendBytes(CHOICES);
        boolean first = true;
        for (ChatChunk.Delta d : chunk.choices()) {
            if (!first) {
                out.appendByte((byte) ',');
            }
            first = false;
            delta(out, d);
        }
        out.appendByte((byte) ']');
        if (chunk.usage() != null) {
            usage(out, chunk.usage());
        }
        return out.appendByte((byte) '}');
    }

    private static void delta(Buffer out, ChatChunk.Delta d) {
        out.appendBytes(INDEX);
        number(out, d.index());
        out.appendBytes(DELTA);
        boolean comma = false;
        if (d.role() != null) {
            out.appendBytes(ROLE);
            string(out, d.role());
            comma = true;
        }
        if (d.content() != null) {
            if (comma) {
                out.appendByte((byte) ',');
            }
            out.appendBytes(CONTENT);
            string(out, d.content());
            comma = true;
        }
        if (!d.toolCalls().isEmpty()) {
            if (comma) {
                out.appendByte((byte) ',');
            }
            out.appendBytes(TOOL_CALLS);
            boolean first = true;
            for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
                if (!first) {
                    out.appendByte((byte) ',');
                }
                first = false;
                toolCall(out, t);
            }
            out.appendByte((byte) ']');
        }
        out.appendBytes(LOGPROBS_FINISH);
        if (d.finishReason() == null) {
            out.appendBytes(NULL);
        } else {
            string(out, d.finishReason());
        }
        out.appendByte((byte) '}');
    }

    private static void toolCall(Buffer out, ChatChunk.ToolCallDelta t) {
        out.appendBytes(INDEX);
        number(out, t.index());
        if (t.id() != null) {
            out.appendBytes(ID);
            string(out, t.id());
            out.appendBytes(TYPE_FUNCTION);
        }
        out.appendBytes(FUNCTION);
        if (t.name() != null) {
            out.appendBytes(NAME);
            string(out, t.name());
        }
        if (t.arguments() != null) {
            if (t.name() != null) {
                out.appendByte((byte) ',');
            }
            out.appendBytes(ARGUMENTS);
            string(out, t.arguments());
        }
        out.appendBytes(CLOSE_TWO);
    }

    /** As {@link Usage#toJson()}. */
    private static void usage(Buffer out, Usage u) {
        out.appendBytes(USAGE);
        number(out, u.promptTokens());
        out.appendBytes(COMPLETION);
        number(out, u.completionTokens());
        out.appendBytes(TOTAL);
        number(out, u.totalTokens());
        if (u.cachedTokens() > 0) {
            out.appendBytes(DETAILS);
            number(out, u.cachedTokens());
            out.appendByte((byte) '}');
        }
        if (u.cost() != null) {
            out.appendBytes(COST);
            double cost = u.cost();
            // as Jackson writes a double: plain, or quoted when it is not a finite number
            String text = Double.toString(cost);
            if (!Double.isFinite(cost)) {
                text = "\"" + text + "\"";
            }
            out.appendString(text, "US-ASCII");
        }
        out.appendByte((byte) '}');
    }

    private static void string(Buffer out, String s) {
        out.appendByte((byte) '"').appendBytes(STRINGS.quoteAsUTF8(s)).appendByte((byte) '"');
    }

    private static void number(Buffer out, long n) {
        if (n >= 0 && n < 10) {
            out.appendByte((byte) ('0' + n));
        } else {
            out.appendString(Long.toString(n), "US-ASCII");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
