package dev.switchboard.toolkit.stream;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental Server-Sent Events parser following the WHATWG rules: events end at a blank
 * line, {@code data:} lines of one event are joined with {@code \n}, one space after the colon is
 * dropped, comment lines ({@code :ping}) are ignored, any line ending is accepted. A line or an
 * event (its data lines joined) longer than the limit fails the stream with
 * {@link ErrorKind#MALFORMED_RESPONSE} instead of growing without end. Works on bytes: an event's
 * data is gathered in one reused array, and an event name repeated from the previous event is
 * answered as the same String, so a stream costs no garbage per line. Not thread-safe.
 */
public final class SseParser {

    /** Receives each complete event. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param event the {@code event:} name, or {@code message} when none was given
         * @param data  the joined data lines
         */
        void onEvent(String event, String data);
    }

    /** Receives each complete event's data as UTF-8 bytes, without a String per event. */
    @FunctionalInterface
    public interface BytesHandler {
        /**
         * @param event  the {@code event:} name, or {@code message} when none was given
         * @param data   the joined data lines from index 0; valid only during the call (reused)
         * @param length how many bytes of {@code data} are the event's
         */
        void onEvent(String event, byte[] data, int length);
    }

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};

    private final LineReader lines;
    private final int maxEventBytes;
    private final LineReader.BytesHandler onLine = this::onLine;
    private BytesHandler handler;
    /** The current event's name, or null (none given yet). */
    private String event;
    /** The last event name seen and its bytes: the next event of the same name reuses the String. */
    private String lastEvent;
    private byte[] lastEventBytes = new byte[0];
    private byte[] data = new byte[256];
    private int dataLength;
    /** Whether the current event has a data line (an empty one included). */
    private boolean hasData;

    /** A parser with the {@linkplain LineReader#DEFAULT_MAX_LINE_BYTES default} limit on lines and events. */
    public SseParser() {
        this(LineReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxEventBytes the longest line, and the longest event's data, accepted */
    public SseParser(int maxEventBytes) {
        this.lines = new LineReader(maxEventBytes);
        this.maxEventBytes = maxEventBytes;
    }

    /** Feeds bytes; calls the handler for every event they complete. */
    public void feed(Buffer bytes, Handler handler) {
        feedBytes(bytes, strings(handler));
    }

    /** Feeds bytes; calls the handler with the bytes of every event they complete. */
    public void feedBytes(Buffer bytes, BytesHandler handler) {
        this.handler = handler;
        try {
            lines.feedBytes(bytes, onLine);
        } finally {
            this.handler = null;
        }
    }

    /** Whether the next byte starts a new event: nothing of a line or an event is held. */
    public boolean atEventBoundary() {
        return lines.atLineStart() && !hasData && event == null;
    }

    /** The upstream closed: dispatches a last event that lacked its blank line. */
    public void end(Handler handler) {
        endBytes(strings(handler));
    }

    /** The upstream closed: dispatches the bytes of a last event that lacked its blank line. */
    public void endBytes(BytesHandler handler) {
        this.handler = handler;
        try {
            lines.endBytes(onLine);
            onLine(data, 0);
        } finally {
            this.handler = null;
        }
    }

    private static BytesHandler strings(Handler handler) {
        return (event, bytes, length) -> handler.onEvent(event, new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    private void onLine(byte[] line, int length) {
        if (length == 0) {
            if (hasData) {
                String name = event == null ? "message" : event;
                int n = dataLength;
                event = null;
                hasData = false;
                dataLength = 0;
                handler.onEvent(name, data, n);
            } else {
                event = null;
            }
            return;
        }
        if (line[0] == ':') {
            return;
        }
        int colon = indexOf(line, length, (byte) ':');
        int fieldEnd = colon < 0 ? length : colon;
        int valueStart = colon < 0 ? length : colon + 1;
        if (valueStart < length && line[valueStart] == ' ') {
            valueStart++;
        }
        if (is(line, fieldEnd, DATA)) {
            appendData(line, valueStart, length - valueStart);
        } else if (is(line, fieldEnd, EVENT)) {
            event = eventName(line, valueStart, length - valueStart);
        }
    }

    private void appendData(byte[] line, int from, int count) {
        int extra = hasData ? 1 : 0;
        if (hasData && dataLength + 1 + count > maxEventBytes) {
            hasData = false;
            dataLength = 0;
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "the upstream sent an event longer than "
                    + maxEventBytes + " bytes");
        }
        if (dataLength + extra + count > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + extra + count));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, from, data, dataLength, count);
        dataLength += count;
        hasData = true;
    }

    private String eventName(byte[] line, int from, int count) {
        if (lastEvent != null && Arrays.equals(line, from, from + count, lastEventBytes, 0, lastEventBytes.length)) {
            return lastEvent;
        }
        lastEventBytes = Arrays.copyOfRange(line, from, from + count);
        lastEvent = new String(lastEventBytes, StandardCharsets.UTF_8);
        return lastEvent;
    }

    private static boolean is(byte[] line, int length, byte[] field) {
        return length == field.length && Arrays.equals(line, 0, length, field, 0, length);
    }

    private static int indexOf(byte[] line, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
