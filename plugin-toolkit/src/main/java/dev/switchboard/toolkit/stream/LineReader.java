package dev.switchboard.toolkit.stream;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines, whatever the piece boundaries: {@code \n}, {@code \r\n} and
 * {@code \r} all end a line, and a UTF-8 character split between pieces is decoded whole. Used for
 * SSE ({@link SseParser}) and NDJSON streams. A line longer than the limit fails the stream
 * instead of growing without end. Not thread-safe.
 */
public final class LineReader {
    /** The default longest line, in bytes: far above any real chunk, far below what hurts a heap. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    private final int maxLineBytes;
    private byte[] pending = new byte[256];
    private int length;
    private boolean skipNextLf;

    /** A reader with the {@linkplain #DEFAULT_MAX_LINE_BYTES default} line limit. */
    public LineReader() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes the longest line accepted, in bytes */
    public LineReader(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Receives each complete line as bytes, without copying them into a String. */
    @FunctionalInterface
    public interface BytesHandler {
        /**
         * @param bytes  the line's bytes from index 0 (UTF-8, without its terminator); valid only
         *               during the call, the reader reuses the array
         * @param length how many bytes of {@code bytes} are the line
         */
        void onLine(byte[] bytes, int length);
    }

    /**
     * Feeds bytes; calls {@code line} for every complete line (without its terminator).
     *
     * @throws ProviderException ({@link ErrorKind#MALFORMED_RESPONSE}) when a line passes the limit
     */
    public void feed(Buffer data, Consumer<String> line) {
        feedBytes(data, (bytes, length) -> line.accept(new String(bytes, 0, length, StandardCharsets.UTF_8)));
    }

    /**
     * Feeds bytes; calls {@code line} with the bytes of every complete line (no String per line).
     *
     * @throws ProviderException ({@link ErrorKind#MALFORMED_RESPONSE}) when a line passes the limit
     */
    public void feedBytes(Buffer data, BytesHandler line) {
        int n = data.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            byte b = data.getByte(i);
            if (b == '\n' && skipNextLf) {
                skipNextLf = false;
                start = i + 1;
                continue;
            }
            skipNextLf = false;
            if (b == '\n' || b == '\r') {
                append(data, start, i - start);
                int length = this.length;
                this.length = 0;
                start = i + 1;
                skipNextLf = b == '\r';
                line.onLine(pending, length);
            }
        }
        append(data, start, n - start);
    }

    /** Emits the unterminated last line, if any. */
    public void end(Consumer<String> line) {
        endBytes((bytes, length) -> line.accept(new String(bytes, 0, length, StandardCharsets.UTF_8)));
    }

    /** Emits the bytes of the unterminated last line, if any. */
    public void endBytes(BytesHandler line) {
        if (length > 0) {
            int length = this.length;
            this.length = 0;
            line.onLine(pending, length);
        }
    }

    /** Whether the next byte starts a new line: nothing of a line is held, no {@code \r\n} half-seen. */
    public boolean atLineStart() {
        return length == 0 && !skipNextLf;
    }

    /** Whether bytes of an unterminated line are waiting. */
    public boolean hasPartialLine() {
        return length > 0;
    }

    private void append(Buffer src, int from, int count) {
        if (count <= 0) {
            return;
        }
        if (length + count > maxLineBytes) {
            length = 0;
            pending = new byte[256];
            throw new ProviderException(ErrorKind.MALFORMED_RESPONSE, "the upstream sent a line longer than "
                    + maxLineBytes + " bytes without ending it");
        }
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.min(maxLineBytes, Math.max(pending.length * 2, length + count)));
        }
        src.getBytes(from, from + count, pending, length);
        length += count;
    }
}
