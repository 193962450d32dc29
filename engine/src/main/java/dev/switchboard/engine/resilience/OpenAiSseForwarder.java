package dev.switchboard.engine.resilience;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The cheap path of an OpenAI-shaped stream: until the target is {@linkplain Target#forwarding()
 * forwarding} (its first content chunk) every whole event goes to the decoder, one at a time, so
 * the switch happens at the event after it even when the upstream sent the whole stream in one
 * read. From then on each network read is forwarded as one write of the whole events it holds,
 * unparsed. It only scans the bytes for what
 * must be seen: event ends, and events that are not a plain one-line {@code data: {chunk}}, or
 * carry a {@code "usage"} object or an {@code "error"} (those go whole to the decoder, which
 * prices, maps or drops them). Content and argument characters are counted on the way for usage
 * estimates. An event cut by a read boundary is held until it is whole; one that grows past
 * {@value #MAX_CARRY} bytes (no real chunk does), or a {@code \r} (an upstream not using plain
 * {@code \n} line ends), hands the rest of the stream to the decoder, which reads big events
 * incrementally and bounds them. Not thread-safe.
 */
final class OpenAiSseForwarder {
    /** Where the forwarder's output goes. */
    interface Target {
        /** Whether plain events may be forwarded yet; before that every event goes to {@link #special}. */
        boolean forwarding();

        /** Whole plain events to send as they are; {@code chars} of content they carry. */
        void forward(Buffer events, long chars);

        /** One whole event the decoder must read; false to stop forwarding (the stream ended). */
        boolean special(Buffer event);

        /** The bytes from here on are for the decoder: this stream cannot be forwarded blindly. */
        void giveUp(Buffer rest);
    }

    private static final byte[] DATA_OBJECT = "data: {".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE = "\"usage\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARGUMENTS = "\"arguments\":\"".getBytes(StandardCharsets.US_ASCII);
    /** The longest partial event held here; a longer one is the decoder's (rescanning it would be quadratic). */
    static final int MAX_CARRY = 64 * 1024;
    private static final int INCOMPLETE = -1;
    private static final int CARRIAGE_RETURN = -2;
    /** The largest copy kept for the next feed; a read plus a carry stays well below it. */
    private static final int MAX_SPARE = 256 * 1024;
    /**
     * Each feed's bytes are scanned in a copy: a byte array scan costs a fraction of
     * {@code Buffer.getByte} per byte, which showed as a fifth of the event loop while 1,000 slow
     * readers' buffers filled. One array per event-loop thread, not per stream (a paused stream must
     * not hold one); taken out while in use, so a feed re-entered from a callback gets its own.
     */
    private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();

    private final Target target;
    private Buffer carry;
    /** Of the event being scanned: whether it must go to the decoder, and its content characters. */
    private boolean special;
    private long chars;

    OpenAiSseForwarder(Target target) {
        this.target = target;
    }

    /** Feeds one network read. */
    void feed(Buffer data) {
        Buffer in = carry == null ? data : Buffer.buffer(carry.length() + data.length()).appendBuffer(carry).appendBuffer(data);
        carry = null;
        int n = in.length();
        byte[] bytes = SPARE.get();
        if (bytes == null || bytes.length < n) {
            bytes = new byte[Math.max(n, 16 * 1024)];
        } else {
            SPARE.set(null);
        }
        in.getBytes(0, n, bytes, 0);
        try {
            feed(in, bytes, n);
        } finally {
            if (bytes.length <= MAX_SPARE) {
                SPARE.set(bytes);
            }
        }
    }

    /** Feeds {@code in}, whose first {@code n} bytes are {@code bytes}. */
    private void feed(Buffer in, byte[] bytes, int n) {
        int run = 0;
        int start = 0;
        long runChars = 0;
        while (start < n) {
            int end = scanEvent(bytes, start, n);
            if (end == CARRIAGE_RETURN) {
                flush(in, run, start, runChars);
                target.giveUp(in.slice(start, n));
                return;
            }
            if (end == INCOMPLETE) {
                break;
            }
            if (special || !target.forwarding()) {
                flush(in, run, start, runChars);
                runChars = 0;
                run = end;
                if (!target.special(in.slice(start, end))) {
                    return;
                }
            } else {
                runChars += chars;
            }
            start = end;
        }
        flush(in, run, start, runChars);
        if (start < n) {
            if (n - start > MAX_CARRY) {
                target.giveUp(in.slice(start, n));
            } else {
                carry = in.getBuffer(start, n);
            }
        }
    }

    /** The upstream closed: a last event without its blank line is the decoder's. */
    void end() {
        if (carry != null) {
            Buffer rest = carry;
            carry = null;
            target.giveUp(rest);
        }
    }

    private void flush(Buffer in, int from, int to, long runChars) {
        if (to > from) {
            target.forward(from == 0 && to == in.length() ? in : in.slice(from, to), runChars);
        }
    }

    /**
     * Scans one event from {@code start}; sets {@link #special} and {@link #chars}.
     *
     * @return the index after its blank line, {@link #INCOMPLETE} or {@link #CARRIAGE_RETURN}
     */
    private int scanEvent(byte[] in, int start, int n) {
        special = !startsWith(in, start, n, DATA_OBJECT);
        chars = 0;
        for (int i = start; i < n; i++) {
            byte b = in[i];
            if (b == '\n') {
                if (i + 1 >= n) {
                    return INCOMPLETE;
                }
                if (in[i + 1] == '\n') {
                    return i + 2;
                }
                special = true; // a multi-line event: the decoder joins its lines
            } else if (b == '\r') {
                return CARRIAGE_RETURN;
            } else if (b == '"' && !special) {
                if (startsWith(in, i, n, ERROR) || usageObject(in, i, n)) {
                    special = true;
                } else if (startsWith(in, i, n, CONTENT) || startsWith(in, i, n, ARGUMENTS)) {
                    i = skipString(in, in[i + 1] == 'c' ? i + CONTENT.length : i + ARGUMENTS.length, n);
                }
            }
        }
        return INCOMPLETE;
    }

    /** Counts the characters of a JSON string's body from {@code i}; answers the index of its closing quote. */
    private int skipString(byte[] in, int i, int n) {
        for (; i < n; i++) {
            byte b = in[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\') {
                i++;
            } else if (b == '\n' || b == '\r') {
                return i - 1; // not JSON; the event scan decides what it is
            }
            if ((b & 0xC0) != 0x80) {
                chars++; // one per UTF-8 lead byte: characters, not bytes
            }
        }
        return n;
    }

    /** {@code "usage":} followed (after spaces) by an object: a usage the decoder must price. */
    private static boolean usageObject(byte[] in, int i, int n) {
        if (!startsWith(in, i, n, USAGE)) {
            return false;
        }
        int j = i + USAGE.length;
        while (j < n && in[j] == ' ') {
            j++;
        }
        return j >= n || in[j] == '{';
    }

    private static boolean startsWith(byte[] in, int at, int n, byte[] prefix) {
        if (at + prefix.length > n) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (in[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
