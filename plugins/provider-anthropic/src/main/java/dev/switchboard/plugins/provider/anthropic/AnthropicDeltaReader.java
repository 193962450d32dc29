package dev.switchboard.plugins.provider.anthropic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the fields of a streamed Anthropic event that the per-token events need (top-level
 * {@code type} and {@code index}, and the {@code delta}'s {@code type}, {@code text} and
 * {@code partial_json}) with Jackson's streaming parser, straight from the event's bytes into
 * these reused fields: no JSON tree per token. Anything else is skipped unread. Not thread-safe:
 * one per stream decoder.
 */
final class AnthropicDeltaReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The event's {@code type}, or null. */
    String type;
    /** {@code index}, when {@link #hasIndex}. */
    int index;
    boolean hasIndex;
    /** {@code delta.type}, or null (no delta object). */
    String deltaType;
    String text;
    String partialJson;

    /**
     * Reads one event's data.
     *
     * @return false when it is not a JSON object of the expected shape (a field of another type, a
     *         float index, malformed JSON): the caller then reads it the full way, which reports it
     */
    boolean read(byte[] data, int length) {
        type = null;
        hasIndex = false;
        deltaType = null;
        text = null;
        partialJson = null;
        try (JsonParser p = FACTORY.createParser(data, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "type" -> type = string(p, t);
                    case "index" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                            return false;
                        }
                        index = p.getIntValue();
                        hasIndex = true;
                    }
                    case "delta" -> {
                        if (t != JsonToken.START_OBJECT || !readDelta(p)) {
                            return false;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return type != null && p.nextToken() == null;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private boolean readDelta(JsonParser p) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "type" -> deltaType = string(p, t);
                case "text" -> text = string(p, t);
                case "partial_json" -> partialJson = string(p, t);
                default -> p.skipChildren();
            }
        }
        return deltaType != null;
    }

    /** The string value, or an exception (caught by {@link #read}) for any other token: the full path decides. */
    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalStateException("not a string");
        }
        return p.getText();
    }
}
