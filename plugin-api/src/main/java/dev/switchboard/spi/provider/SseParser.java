package dev.switchboard.spi.provider;

import io.vertx.core.buffer.Buffer;

/**
 * An incremental Server-Sent Events parser following the WHATWG rules: events end at a blank
 * line, {@code data:} lines of one event are joined with {@code \n}, one space after the colon is
 * dropped, comment lines ({@code :ping}) are ignored, any line ending is accepted. Not thread-safe.
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

    private final LineReader lines = new LineReader();
    private String event;
    private StringBuilder data;

    /** Feeds bytes; calls the handler for every event they complete. */
    public void feed(Buffer bytes, Handler handler) {
        lines.feed(bytes, line -> onLine(line, handler));
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
                data.append('\n').append(value);
            }
        } else if ("event".equals(field)) {
            event = value;
        }
    }
}
