package dev.switchboard.plugins.provider.ollama;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the common line of an Ollama chat stream, {@code {"message": {"content": "..."}, "done":
 * false}} and the fields around it, with Jackson's streaming parser straight from the line's bytes:
 * no String per line, no JSON tree per token. A line it is not sure of (an {@code error}, tool
 * calls, {@code done} not {@code false}, a field of an unexpected type, malformed JSON) answers
 * false and is read the full way. Not thread-safe: one per stream decoder.
 */
final class OllamaContentReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** {@code message.content} of the last line read, or null (none, or not a string). */
    String content;

    /** Reads one line; true when it is a plain content line (content in {@link #content}, maybe null). */
    boolean read(byte[] line, int length) {
        content = null;
        try (JsonParser p = FACTORY.createParser(line, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "done" -> {
                        if (t != JsonToken.VALUE_FALSE) {
                            return false;
                        }
                    }
                    case "error" -> {
                        return false;
                    }
                    case "message" -> {
                        if (t != JsonToken.START_OBJECT || !readMessage(p)) {
                            return false;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean readMessage(JsonParser p) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "content" -> content = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "tool_calls" -> {
                    return false;
                }
                default -> p.skipChildren();
            }
        }
        return true;
    }
}
