package dev.switchboard.tests.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A client that writes raw bytes: what a slow, broken or hostile client sends, which no HTTP library would. */
final class RawHttp implements AutoCloseable {
    private final Socket socket = new Socket();

    RawHttp(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(100);
    }

    /** Writes bytes; false when the server has closed the connection (the write failed). */
    boolean send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Half-closes: the client will send nothing more but still reads. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads until the server closes the connection or {@code ms} pass without it closing.
     *
     * @return what was read, and whether the server closed
     */
    Read readUntilClosed(long ms) throws IOException {
        return read(ms, false);
    }

    /** Reads one whole response (by its Content-Length), or until the server closes or {@code ms} pass. */
    Read readResponse(long ms) throws IOException {
        return read(ms, true);
    }

    private Read read(long ms, boolean oneResponse) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + ms * 1_000_000;
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return new Read(out.toString(StandardCharsets.ISO_8859_1), true);
                }
                out.write(buf, 0, n);
                if (oneResponse && new Read(out.toString(StandardCharsets.ISO_8859_1), false).complete()) {
                    return new Read(out.toString(StandardCharsets.ISO_8859_1), false);
                }
            } catch (SocketTimeoutException e) {
                // nothing yet: poll again until the deadline
            } catch (IOException e) {
                return new Read(out.toString(StandardCharsets.ISO_8859_1), true); // reset by the server
            }
        }
        return new Read(out.toString(StandardCharsets.ISO_8859_1), false);
    }

    /**
     * @param text   the bytes read, as Latin-1
     * @param closed whether the server closed the connection
     */
    record Read(String text, boolean closed) {
        int status() {
            return text.startsWith("HTTP/1.") ? Integer.parseInt(text.substring(9, 12)) : -1;
        }

        boolean complete() {
            String length = header("content-length");
            return length != null && text.indexOf("\r\n\r\n") >= 0 && body().length() >= Integer.parseInt(length);
        }

        String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }

        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
