import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slow streaming clients for the load benchmark's slow-reader point (run.sh): N connections, each
 * asking for a large stream ({@code "user": "bench-big-stream"}, which mock-upstream.js answers
 * with BIG_CHUNKS chunks of 1,000 characters) and reading at most --bytes bytes every --interval
 * ms (1 KB/s by default) through a small socket receive buffer, so TCP pushes back on the router
 * at once. One thread, non-blocking sockets. A stream that ends is asked for again on the same
 * connection; a connection that closes is opened again. Runs until --duration passes or SIGTERM,
 * then prints one JSON line.
 *
 * <pre>java SlowReaders.java --url http://127.0.0.1:19080/v1/chat/completions [--conns 200]
 *     [--bytes 1024] [--interval 1000] [--duration 30] [-H 'name: value']...</pre>
 */
public final class SlowReaders {
    private static final class Conn {
        SocketChannel channel;
        String tail = "";
    }

    private static volatile long bytes, streams, finished, errors, reconnects;
    private static volatile int open;
    private static int conns = 200;

    public static void main(String[] args) throws Exception {
        String url = null;
        int perRead = 1024;
        long interval = 1000, duration = 30;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--conns" -> conns = Integer.parseInt(args[++i]);
                case "--bytes" -> perRead = Integer.parseInt(args[++i]);
                case "--interval" -> interval = Long.parseLong(args[++i]);
                case "--duration" -> duration = Long.parseLong(args[++i]);
                case "-H" -> {
                    String h = args[++i];
                    headers.put(h.substring(0, h.indexOf(':')).trim(), h.substring(h.indexOf(':') + 1).trim());
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        URI u = URI.create(url);
        if (!"127.0.0.1".equals(u.getHost()) && !"localhost".equals(u.getHost())) {
            throw new IllegalArgumentException("loopback targets only");
        }
        InetSocketAddress address = new InetSocketAddress(u.getHost(), u.getPort());
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"user\":\"bench-big-stream\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a very long story.\"}]}";
        StringBuilder head = new StringBuilder("POST " + u.getRawPath() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                + "\r\nContent-Type: application/json\r\nAuthorization: Bearer sk-bench\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        byte[] request = (head + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        Runtime.getRuntime().addShutdownHook(new Thread(SlowReaders::report));

        List<Conn> all = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Conn c = new Conn();
            connect(c, address, request);
            all.add(c);
        }
        ByteBuffer buf = ByteBuffer.allocate(perRead);
        long end = System.currentTimeMillis() + duration * 1000;
        while (System.currentTimeMillis() < end) {
            long round = System.currentTimeMillis();
            for (Conn c : all) {
                if (c.channel == null) {
                    reconnects++;
                    connect(c, address, request);
                    continue;
                }
                buf.clear();
                int n;
                try {
                    n = c.channel.read(buf);
                } catch (java.io.IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    close(c);
                    continue;
                }
                bytes += n;
                c.tail = (c.tail + new String(buf.array(), 0, n, StandardCharsets.ISO_8859_1));
                c.tail = c.tail.substring(Math.max(0, c.tail.length() - 32));
                if (c.tail.contains("data: [DONE]")) {
                    finished++;
                    streams++;
                    c.tail = "";
                    write(c, request);
                }
            }
            Thread.sleep(Math.max(1, interval - (System.currentTimeMillis() - round)));
        }
        System.exit(0); // the shutdown hook reports
    }

    private static void connect(Conn c, InetSocketAddress address, byte[] request) {
        try {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            ch.connect(address);
            ch.configureBlocking(false);
            c.channel = ch;
            open++;
            streams++;
            write(c, request);
        } catch (java.io.IOException e) {
            errors++;
            c.channel = null;
        }
    }

    private static void write(Conn c, byte[] request) {
        try {
            ByteBuffer b = ByteBuffer.wrap(request);
            while (b.hasRemaining()) {
                c.channel.write(b);
            }
        } catch (java.io.IOException e) {
            errors++;
            close(c);
        }
    }

    private static void close(Conn c) {
        try {
            c.channel.close();
        } catch (java.io.IOException ignored) {
            // closing anyway
        }
        c.channel = null;
        open--;
    }

    private static void report() {
        System.out.println("{\"conns\":" + conns + ",\"open\":" + open + ",\"streams\":" + streams + ",\"finished\":" + finished
                + ",\"bytes\":" + bytes + ",\"reconnects\":" + reconnects + ",\"errors\":" + errors + "}");
        System.out.flush();
    }
}
