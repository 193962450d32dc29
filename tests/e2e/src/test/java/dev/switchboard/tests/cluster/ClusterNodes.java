package dev.switchboard.tests.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * N Switchboard nodes, each a separate JVM started from the fat jar ({@code java -jar}, system
 * property {@code switchboard.test.jar}) with its own config: HTTP on port 0, a free Hazelcast port,
 * a cluster name of its own (so a concurrent run never joins) and every node as a member. Each node's
 * output goes to {@code node-<i>.log} in a directory under {@code target/}, kept for post-mortems.
 * {@link #close()} kills every process it started; a JVM shutdown hook does the same if the test
 * JVM dies first.
 */
final class ClusterNodes implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 60_000;

    private final List<NodeProcess> nodes = new CopyOnWriteArrayList<>();
    private final String clusterName = "switchboard-test-" + UUID.randomUUID();
    private final List<String> members = new ArrayList<>();
    private final Path dir;
    private Path jar;
    private String yaml;
    private final Thread hook = new Thread(this::killAll, "cluster-nodes-cleanup");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * One node process.
     *
     * @param index       0-based
     * @param httpPort    its HTTP port
     * @param clusterPort its Hazelcast port
     * @param log         its output
     * @param process     the JVM
     */
    record NodeProcess(int index, int httpPort, int clusterPort, Path log, Process process) {
        String url(String path) {
            return "http://127.0.0.1:" + httpPort + path;
        }
    }

    private ClusterNodes(Path dir) {
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code n} nodes and waits until every one lists all {@code n} in {@code /v1/stats?scope=cluster}.
     * The first node starts alone (it becomes the Hazelcast master), the others then in parallel.
     *
     * @param yaml the config without its {@code server} and {@code cluster} sections, which are added per node
     */
    static ClusterNodes start(int n, String yaml) throws Exception {
        Path jar = Path.of(System.getProperty("switchboard.test.jar", "../../engine/target/switchboard.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: " + jar.toAbsolutePath());
        }
        Files.createDirectories(Path.of("target"));
        ClusterNodes cluster = new ClusterNodes(Files.createTempDirectory(Path.of("target"), "cluster-nodes-"));
        cluster.jar = jar;
        cluster.yaml = yaml;
        try {
            int[] clusterPorts = new int[n];
            for (int i = 0; i < n; i++) {
                clusterPorts[i] = freePort();
                cluster.members.add("127.0.0.1:" + clusterPorts[i]);
            }
            cluster.launch(0, clusterPorts[0]);
            cluster.awaitListening(0);
            for (int i = 1; i < n; i++) {
                cluster.launch(i, clusterPorts[i]);
            }
            for (int i = 0; i < n; i++) {
                cluster.awaitListening(i);
            }
            cluster.awaitLiveNodes(0, n, START_TIMEOUT_MS);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts one more node with the same config, joining the running cluster through the members
     * known so far, and waits until it lists {@code liveAfter} live nodes.
     *
     * @return its index
     */
    int startAnother(int liveAfter) throws Exception {
        int index = nodes.size();
        int clusterPort = freePort();
        members.add("127.0.0.1:" + clusterPort);
        launch(index, clusterPort);
        awaitListening(index);
        awaitLiveNodes(index, liveAfter, START_TIMEOUT_MS);
        return index;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts node {@code index}: HTTP on port 0 (the node prints the port it got, see
     * {@link #awaitListening}), Hazelcast on {@code clusterPort}, which must be known in advance
     * because it is in every node's member list.
     */
    private void launch(int index, int clusterPort) throws IOException {
        Path config = dir.resolve("node-" + index + ".yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: 0, instances: 2}
                cluster: {enabled: true, name: %s, host: 127.0.0.1, port: %d, members: [%s]}
                %s""".formatted(clusterName, clusterPort, String.join(", ", members), yaml));
        Path log = dir.resolve("node-" + index + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // small heaps and C1 only: four JVMs share two cores; the jar manifest carries Hazelcast's --add-opens
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dvertx.options.maxEventLoopExecuteTime=2000", "-Dvertx.options.maxEventLoopExecuteTimeUnit=MILLISECONDS",
                "-jar", jar.toAbsolutePath().toString(), "--config", config.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeProcess node = new NodeProcess(index, 0, clusterPort, log, p);
        if (index < nodes.size()) {
            nodes.set(index, node);
        } else {
            nodes.add(node);
        }
    }

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int BIND_RETRIES = 3;

    /**
     * Waits until node {@code index} prints the port it listens on and records it. A node whose
     * Hazelcast port was taken between {@link #freePort()} and its start (another process, or an
     * ephemeral port of a peer's outgoing connection) is started again on a fresh port, a few times.
     */
    private void awaitListening(int index) throws Exception {
        for (int attempt = 0; ; attempt++) {
            NodeProcess node = nodes.get(index);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            String out = "";
            while (System.currentTimeMillis() < deadline) {
                out = Files.readString(node.log(), StandardCharsets.UTF_8);
                Matcher m = LISTENING.matcher(out);
                if (m.find()) {
                    nodes.set(index, new NodeProcess(index, Integer.parseInt(m.group(1)), node.clusterPort(), node.log(),
                            node.process()));
                    return;
                }
                if (!node.process().isAlive()) {
                    break;
                }
                Thread.sleep(100); // polling a log file with a deadline, not synchronising on time
            }
            if (node.process().isAlive()) {
                throw new IllegalStateException("node " + index + " did not start within " + START_TIMEOUT_MS + " ms:\n" + out);
            }
            boolean portTaken = out.contains("Address already in use") || out.contains("BindException");
            if (!portTaken || attempt >= BIND_RETRIES) {
                throw new IllegalStateException("node " + index + " exited (" + node.process().exitValue() + "):\n" + out);
            }
            int clusterPort = freePort();
            members.set(members.indexOf("127.0.0.1:" + node.clusterPort()), "127.0.0.1:" + clusterPort);
            Files.move(node.log(), node.log().resolveSibling("node-" + index + "-bind-failure-" + attempt + ".log"));
            launch(index, clusterPort);
        }
    }

    /**
     * Polls {@code /v1/stats?scope=cluster} on node {@code via} until it lists exactly {@code expected}
     * answering nodes and none unreachable.
     *
     * @return the cluster stats that satisfied it
     */
    JsonObject awaitLiveNodes(int via, int expected, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        JsonObject last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = get(via, "/v1/stats?scope=cluster");
                if (r.statusCode() == 200) {
                    last = new JsonObject(r.body());
                    if (last.getJsonArray("nodes").size() == expected && last.getJsonArray("unreachable").isEmpty()) {
                        return last;
                    }
                }
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node " + via + " did not list " + expected + " live nodes within " + timeoutMs + " ms; last: " + last);
    }

    List<NodeProcess> nodes() {
        return nodes;
    }

    NodeProcess node(int index) {
        return nodes.get(index);
    }

    String clusterName() {
        return clusterName;
    }

    /** The {@code host:port} of every node's Hazelcast. */
    List<String> members() {
        return List.copyOf(members);
    }

    HttpResponse<String> get(int node, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(node(node).url(path))).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(int node, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(node(node).url(path))).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST presenting a client key as {@code Authorization: Bearer <key>}. */
    HttpResponse<String> post(int node, String path, String json, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(node(node).url(path))).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code kill -9} of one node. */
    void kill(int index) throws InterruptedException {
        Process p = node(index).process();
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** The tail of every node's log, for failure messages. */
    String logs() {
        return nodes.stream().map(n -> {
            try {
                String out = Files.readString(n.log(), StandardCharsets.UTF_8);
                return "--- node " + n.index() + " ---\n" + out.substring(Math.max(0, out.length() - 3000));
            } catch (IOException e) {
                return "--- node " + n.index() + ": " + e;
            }
        }).collect(Collectors.joining("\n"));
    }

    private void killAll() {
        nodes.forEach(n -> n.process().destroyForcibly());
    }

    @Override
    public void close() {
        killAll();
        try {
            for (NodeProcess n : nodes) {
                n.process().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
