package dev.switchboard.toolkit.chat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.spi.chat.RawJson;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An upstream's own JSON object, kept so it can be answered as it came: the parsed object and,
 * when it was read from bytes ({@link #parse}), those bytes and where its top-level {@code usage}
 * object closes. {@link #answer} then adds {@code usage.cost} by splicing it into the bytes instead
 * of serialising the object again (serialisation was the largest single cost of a proxied
 * response in the load profile). Read-only: nothing changes {@code json} or {@code bytes}.
 *
 * <p>The contract sees it as {@link RawJson} (the records' {@code source}); the offsets stay here.
 *
 * @param json       the parsed object
 * @param bytes      the UTF-8 bytes it was parsed from, or null when built from an object
 * @param usageClose index in {@code bytes} of the {@code '}'} that closes the top-level
 *                   {@code usage} object, or -1 (no bytes, or no usage object)
 * @param modelStart index in {@code bytes} of the opening quote of the top-level {@code model}
 *                   string, or -1 (no bytes, or no model string)
 * @param modelEnd   index just after its closing quote, or -1
 */
public record SourceJson(JsonObject json, byte[] bytes, int usageClose, int modelStart, int modelEnd) implements RawJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] COST = ",\"cost\":".getBytes(StandardCharsets.US_ASCII);

    /** An object without bytes: answered by serialising it. */
    public static SourceJson of(JsonObject json) {
        return new SourceJson(json, null, -1, -1, -1);
    }

    /**
     * Parses a JSON object from bytes, keeping them: objects and arrays become {@link JsonObject}
     * and {@link JsonArray}, numbers what Vert.x's own decoder gives (Integer, Long, BigInteger,
     * Double), a repeated key keeps its last value.
     *
     * @throws DecodeException when the bytes are not one JSON object
     */
    public static SourceJson parse(Buffer body) {
        return parse(body.getBytes());
    }

    /**
     * As {@link #parse(Buffer)}, keeping {@code bytes} itself (the caller hands it over and does
     * not change it afterwards).
     *
     * @throws DecodeException when the bytes are not one JSON object
     */
    public static SourceJson parse(byte[] bytes) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DecodeException("not a JSON object");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            int usageClose = -1;
            int modelStart = -1;
            int modelEnd = -1;
            boolean modelSeen = false;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                int start = (int) p.currentTokenLocation().getByteOffset();
                map.put(name, value(p, t));
                if ("usage".equals(name)) {
                    usageClose = t == JsonToken.START_OBJECT ? (int) p.currentTokenLocation().getByteOffset() : -1;
                } else if ("model".equals(name)) {
                    // the string has been read: the parser stands just after its closing quote
                    int end = (int) p.currentLocation().getByteOffset();
                    boolean quoted = t == JsonToken.VALUE_STRING && start >= 0 && end > start + 1 && end <= bytes.length
                            && bytes[start] == '"' && bytes[end - 1] == '"';
                    // a repeated model key: which one an upstream reads is its choice, so no splicing
                    modelStart = quoted && !modelSeen ? start : -1;
                    modelEnd = quoted && !modelSeen ? end : -1;
                    modelSeen = true;
                }
            }
            if (p.nextToken() != null) {
                throw new DecodeException("unexpected content after the JSON object");
            }
            return new SourceJson(new JsonObject(map), bytes, usageClose, modelStart, modelEnd);
        } catch (IOException e) {
            throw new DecodeException("malformed JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new DecodeException("unexpected end of input");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    map.put(name, value(p, p.nextToken()));
                }
                return new JsonObject(map);
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, next));
                }
                return new JsonArray(list);
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new DecodeException("unexpected " + t);
        }
    }

    /**
     * The bytes with the top-level {@code model} string replaced by {@code model} and nothing else
     * changed, or null when there are no bytes or no model string to replace.
     */
    @Override
    public Buffer withModel(String model) {
        if (bytes == null || modelStart < 0) {
            return null;
        }
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(model);
        Buffer out = Buffer.buffer(bytes.length - (modelEnd - modelStart) + quoted.length + 2);
        return out.appendBytes(bytes, 0, modelStart).appendByte((byte) '"').appendBytes(quoted).appendByte((byte) '"')
                .appendBytes(bytes, modelEnd, bytes.length - modelEnd);
    }

    /**
     * The object as bytes with {@code usage} set to {@code usage}, when that can be done on the
     * bytes: the upstream's usage with our cost added. They are answered as they came when they
     * already say it (no usage on either side, or the upstream's usage and no cost to add), and
     * with {@code "cost":x} spliced before the usage object's closing brace when there is a cost.
     * Null when the bytes cannot serve and the caller rebuilds the object: no bytes, a usage the
     * upstream did not send or one to remove (a stream's usage the client did not ask for), or a
     * usage object with a {@code cost} of its own (OpenRouter's), which ours replaces.
     *
     * @param usage the usage to answer (null: none)
     */
    @Override
    public Buffer answer(Usage usage) {
        if (bytes == null) {
            return null;
        }
        Object upstreamUsage = json.getValue("usage");
        if (usage == null || usage.cost() == null) {
            boolean upstreamHasUsage = upstreamUsage instanceof JsonObject;
            return upstreamHasUsage == (usage != null) ? Buffer.buffer(bytes) : null;
        }
        double cost = usage.cost();
        if (usageClose < 0 || !(upstreamUsage instanceof JsonObject) || ((JsonObject) upstreamUsage).containsKey("cost")
                || !Double.isFinite(cost)) {
            return null;
        }
        byte[] number = Double.toString(cost).getBytes(StandardCharsets.US_ASCII);
        boolean empty = ((JsonObject) upstreamUsage).isEmpty();
        Buffer out = Buffer.buffer(bytes.length + COST.length + number.length);
        out.appendBytes(bytes, 0, usageClose);
        if (empty) {
            out.appendBytes(COST, 1, COST.length - 1);
        } else {
            out.appendBytes(COST);
        }
        return out.appendBytes(number).appendBytes(bytes, usageClose, bytes.length - usageClose);
    }
}
