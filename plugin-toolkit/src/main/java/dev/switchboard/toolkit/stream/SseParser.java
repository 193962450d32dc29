package dev.switchboard.toolkit.stream;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;

/**
 * An incremental Server-Sent Events parser following the WHATWG rules: events end at a blank
 * line, {@code data:} lines of one event are joined with {@code \n}, one space after the colon is
 * dropped, comment lines ({@code :ping}) are ignored, any line ending is accepted. A line or an
 * event (its data lines joined) longer than the limit fails the stream with
 * {@link ErrorKind#MALFORMED_RESPONSE} instead of growing without end. Not thread-safe.
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

    private final LineReader lines;
    private final int maxEventChars;
    private String event;
    private StringBuilder data;

    /** A parser with the {@linkplain LineReader#DEFAULT_MAX_LINE_BYTES default} limit on lines and events. */
    public SseParser() {
        this(LineReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxEventBytes the longest line, and the longest event's data, accepted */
    public SseParser(int maxEventBytes) {
        this.lines = new LineReader(maxEventBytes);
        this.maxEventChars = maxEventBytes;
    }

    /** Feeds bytes; calls the handler for every event they complete. */
    public void feed(Buffer bytes, Handler handler) {
        lines.feed(bytes, line -> onLine(line, handler));
    }

    /** Whether the next byte starts a new event: nothing of a line or an event is held. */
    public boolean atEventBoundary() {
        return lines.atLineStart() && data == null && event == null;
    }

    /** The upstream closed: dispatches a last event that lacked its blank line. */
    public void end(Handler handler) {
        lines.end(line -> onLine(line, handler));
        onLine("", handler);
    }

    private void onLine(String line, Handler handler) {
        if (line.isEmpty()) {
            if (data != null) {
                String name = event == null ? "message" : event;
                String payload = data.toString();
                event = null;
                data = null;
                handler.onEvent(name, payload);
            } else {
                event = null;
            }
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if ("data".equals(field)) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                if (data.length() + 1 + value.length() > maxEventChars) {
                    data = null;
                    throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "the upstream sent an event longer than "
                            + maxEventChars + " bytes");
                }
                data.append('\n').append(value);
            }
        } else if ("event".equals(field)) {
            event = value;
        }
    }
}
