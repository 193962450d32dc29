import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Healthy-node latency while one of three cluster members is frozen (SIGSTOP). Starts a mock OpenAI
 * upstream (JDK HTTP server), three Switchboard JVMs from the jar (client keys with rate limits,
 * token limits and budgets, so every request needs the shared counters), sends an open-loop load to
 * nodes 0 and 1, stops node 2 after the warm-up, keeps the load for the freeze, and prints p50, p99
 * and max of the requests started before and during the freeze, and a per-second timeline.
 * Every process it starts is killed at the end. Run by frozen-member.sh.
 *
 * <p>Arguments: jar, out dir, rate (requests/s), warm-up seconds, freeze seconds, and optionally
 * {@code cluster.op-timeout-ms} (a large one shows what the deadlines buy).
 */
public class FrozenMemberBench {
    record Sample(long startNanos, long ms, int status) {
    }

    static final List<Process> nodes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int rate = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int freeze = Integer.parseInt(args[4]);
        String opTimeout = args.length > 5 && !args[5].isEmpty() ? ", op-timeout-ms: " + Integer.parseInt(args[5]) : "";
        Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(Process::destroyForcibly)));
        HttpServer upstream = mockUpstream();
        List<String> keys = List.of("sb-bench-key-a", "sb-bench-key-b", "sb-bench-key-c");
        int[] http = new int[3];
        int[] hz = new int[3];
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            http[i] = freePort();
            hz[i] = freePort();
            members.add("127.0.0.1:" + hz[i]);
        }
        String name = "frozen-bench-" + ProcessHandle.current().pid();
        for (int i = 0; i < 3; i++) {
            nodes.add(launch(jar, out, i, http[i], hz[i], name, opTimeout, members, keys, upstream.getAddress().getPort()));
            awaitListening(out.resolve("node-" + i + ".log"), http[i]);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        awaitJoined(client, http[0], 3);
        System.out.printf("3 nodes joined; load %d req/s on nodes 0 and 1; warm-up %d s, freeze %d s%n", rate, warmup, freeze);
        ConcurrentLinkedQueue<CompletableFuture<Sample>> sent = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        AtomicLong n = new AtomicLong();
        load.scheduleAtFixedRate(() -> {
            long i = n.getAndIncrement();
            sent.add(send(client, http[(int) (i % 2)], keys.get((int) (i % 3))));
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(warmup * 1000L);
        long frozenAt = System.nanoTime();
        long pid = nodes.get(2).pid();
        signal("STOP", pid);
        System.out.println("node 2 (pid " + pid + ") stopped");
        Thread.sleep(freeze * 1000L);
        long thawedAt = System.nanoTime();
        load.shutdownNow();
        signal("CONT", pid);
        List<Sample> all = new ArrayList<>();
        for (CompletableFuture<Sample> f : sent) {
            all.add(f.get(60, TimeUnit.SECONDS));
        }
        long warm = frozenAt - Math.min(warmup, 10) * 1_000_000_000L; // the last (up to) 10 s of the warm-up as the baseline
        report("before the freeze (last " + Math.min(warmup, 10) + " s of warm-up)",
                all.stream().filter(s -> s.startNanos() >= warm && s.startNanos() < frozenAt).toList());
        report("during the freeze", all.stream().filter(s -> s.startNanos() >= frozenAt && s.startNanos() < thawedAt).toList());
        timeline(all, frozenAt);
        nodes.forEach(Process::destroyForcibly);
        upstream.stop(0);
        System.exit(0);
    }

    static void report(String what, List<Sample> samples) {
        long[] ms = samples.stream().mapToLong(Sample::ms).sorted().toArray();
        long bad = samples.stream().filter(s -> s.status() != 200).count();
        if (ms.length == 0) {
            System.out.println(what + ": no requests");
            return;
        }
        System.out.printf("%s: %d requests, p50 %d ms, p99 %d ms, max %d ms, %d not 200%n", what, ms.length, ms[ms.length / 2],
                ms[(int) Math.ceil(ms.length * 0.99) - 1], ms[ms.length - 1], bad);
    }

    static void timeline(List<Sample> samples, long frozenAt) {
        TreeMap<Long, long[]> bySecond = new TreeMap<>();
        for (Sample s : samples) {
            long[] row = bySecond.computeIfAbsent(Math.floorDiv(s.startNanos() - frozenAt, 1_000_000_000L), k -> new long[3]);
            row[0]++;
            row[1] = Math.max(row[1], s.ms());
            row[2] += s.status() == 200 ? 0 : 1;
        }
        System.out.println("second (0 = freeze)  requests  worst ms  not-200");
        bySecond.forEach((sec, row) -> System.out.printf("%+5d %18d %9d %8d%n", sec, row[0], row[1], row[2]));
    }

    static CompletableFuture<Sample> send(HttpClient client, int port, String key) {
        long t0 = System.nanoTime();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m-a\",\"messages\":[{\"role\":\"user\",\"content\":\"load\"}]}"))
                .build();
        return client.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                .handle((r, t) -> new Sample(t0, (System.nanoTime() - t0) / 1_000_000, r == null ? -1 : r.statusCode()));
    }

    /** An OpenAI chat completions mock answering at once. */
    static HttpServer mockUpstream() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"ok\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    static Process launch(Path jar, Path out, int i, int http, int hz, String name, String clusterExtra, List<String> members,
                          List<String> keys, int upstreamPort) throws Exception {
        StringBuilder keyLines = new StringBuilder();
        for (String k : keys) {
            keyLines.append("    - {name: ").append(k.substring(k.length() - 1)).append(", key-sha256: ").append(sha256(k))
                    .append(", rpm: 1000000, tpm: 1000000000, budget-usd: 1000, budget-period: day}\n");
        }
        Path config = out.resolve("node-" + i + ".yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: %d, instances: 2}
                cluster: {enabled: true, name: %s, host: 127.0.0.1, port: %d, members: [%s]%s}
                providers:
                  mock: {type: openai, base-url: "http://127.0.0.1:%d/v1", api-key: sk-bench}
                models:
                  m-a: {provider: mock, upstream-model: ok, input-price: 1.0, output-price: 2.0}
                auth:
                  keys:
                %s""".formatted(http, name, hz, String.join(", ", members), clusterExtra, upstreamPort, keyLines));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        String extra = System.getenv("NODE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--config", config.toAbsolutePath().toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("node-" + i + ".log").toFile()).start();
    }

    static void awaitListening(Path log, int port) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("listening on http://127.0.0.1:" + port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node on port " + port + " did not start; see " + log);
    }

    static void awaitJoined(HttpClient client, int port, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/stats?scope=cluster"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().split("\"http_port\"").length - 1 == expected && r.body().contains("\"unreachable\":[]")) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the cluster did not form");
    }

    static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
