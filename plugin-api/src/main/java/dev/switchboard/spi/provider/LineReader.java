package dev.switchboard.spi.provider;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines, whatever the piece boundaries: {@code \n}, {@code \r\n} and
 * {@code \r} all end a line, and a UTF-8 character split between pieces is decoded whole. Used for
 * SSE ({@link SseParser}) and NDJSON streams. Not thread-safe.
 */
public final class LineReader {
    private byte[] pending = new byte[256];
    private int length;
    private boolean skipNextLf;

    /** Feeds bytes; calls {@code line} for every complete line (without its terminator). */
    public void feed(Buffer data, Consumer<String> line) {
        byte[] bytes = data.getBytes();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\n' && skipNextLf) {
                skipNextLf = false;
                start = i + 1;
                continue;
            }
            skipNextLf = false;
            if (b == '\n' || b == '\r') {
                append(bytes, start, i - start);
                line.accept(new String(pending, 0, length, StandardCharsets.UTF_8));
                length = 0;
                start = i + 1;
                skipNextLf = b == '\r';
            }
        }
        append(bytes, start, bytes.length - start);
    }

    /** Emits the unterminated last line, if any. */
    public void end(Consumer<String> line) {
        if (length > 0) {
            line.accept(new String(pending, 0, length, StandardCharsets.UTF_8));
            length = 0;
        }
    }

    /** Whether bytes of an unterminated line are waiting. */
    public boolean hasPartialLine() {
        return length > 0;
    }

    private void append(byte[] src, int from, int count) {
        if (count <= 0) {
            return;
        }
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        System.arraycopy(src, from, pending, length, count);
        length += count;
    }
}
