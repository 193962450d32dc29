package dev.switchboard.engine;

import dev.switchboard.config.ConfigException;
import dev.switchboard.engine.plugin.PluginLoadException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line: {@code java -jar switchboard.jar [--config FILE] [--port N] [--plugins DIR]
 * [--check-config] [--help]}.
 */
public final class Main {
    /** The transport Vert.x runs on; for java.nio, why not epoll (another OS, the native library did not load, or asked for). */
    private static String transport() {
        String name = dev.switchboard.engine.http.ServerTransport.chosenName();
        if (!"nio".equals(name)) {
            return name;
        }
        Throwable cause = io.vertx.core.transport.Transport.nativeTransport() == null ? null
                : io.vertx.core.transport.Transport.nativeTransport().unavailabilityCause();
        return "nio: " + ("nio".equals(System.getProperty("switchboard.transport")) ? "-Dswitchboard.transport=nio"
                : cause == null ? "native transport not available" : String.valueOf(cause.getMessage()));
    }

    private static final String USAGE = """
            usage: java -jar switchboard.jar [options]
              --config FILE     YAML or JSON config (default: the bundled default config)
              --port N          HTTP port, overrides server.port (0 = any free port)
              --plugins DIR     directory of plugin jars, overrides plugins.dir
              --cluster         join the Hazelcast cluster (same as cluster.enabled: true)
              --check-config    validate, print the effective config (secrets redacted), exit 0 or 1
              --new-key         print a new random client key and the SHA-256 to put in auth.keys
              --help            this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$-7s %3$s - %5$s%6$s%n");
        System.setProperty("vertx.disableDnsResolver", System.getProperty("vertx.disableDnsResolver", "true"));
        Thread.UncaughtExceptionHandler prior = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, t) -> { // an OutOfMemoryError anywhere fails /health/live
            dev.switchboard.engine.health.FatalErrors.JVM.record(t);
            if (prior != null) {
                prior.uncaughtException(thread, t);
            } else {
                System.err.println("Exception in thread \"" + thread.getName() + "\"");
                t.printStackTrace();
            }
        });
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI; returns the exit code (blocks while the server runs). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Cli cli;
        try {
            cli = Cli.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (cli.help()) {
            out.print(USAGE);
            return 0;
        }
        if (cli.newKey()) {
            String key = dev.switchboard.engine.auth.KeyAuthenticator.newKey();
            out.println("key:        " + key + "   (give this to the client; it is not stored anywhere)");
            out.println("key-sha256: " + dev.switchboard.engine.auth.KeyAuthenticator.sha256(key) + "   (put this in auth.keys)");
            return 0;
        }
        if (!cli.checkConfig()) {
            dev.switchboard.engine.pipeline.TokenCounter.preload(); // overlaps loading plugins and config
        }
        StartOptions options = StartOptions.defaults().withConfig(cli.config()).withPort(cli.port()).withPluginsDir(cli.plugins())
                .withCluster(cli.cluster());
        Switchboard.Prepared prepared;
        try {
            prepared = Switchboard.prepare(options);
        } catch (ConfigException | PluginLoadException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (cli.checkConfig()) {
            out.println(prepared.redactedConfig().encodePrettily());
            out.println("config OK: " + prepared.config().providers().size() + " providers, " + prepared.config().models().size()
                    + " models, " + prepared.config().routes().size() + " routes");
            return 0;
        }
        return serve(prepared, out, err);
    }

    private static int serve(Switchboard.Prepared prepared, PrintStream out, PrintStream err) {
        Switchboard sb;
        try {
            sb = prepared.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            err.println("cannot start: " + cause.getMessage());
            return 1;
        }
        out.println("Switchboard " + Switchboard.version() + " listening on http://" + prepared.config().server().host() + ":"
                + sb.port() + " (" + prepared.plugins().plugins().size() + " plugins, " + prepared.table().providers().size()
                + " providers, " + prepared.table().catalog().size() + " models, " + prepared.table().routes().size() + " routes, "
                + transport() + " transport)");
        var auth = prepared.config().auth();
        out.println(auth.keys().isEmpty()
                ? (dev.switchboard.engine.auth.KeyAuthenticator.isLoopbackHost(prepared.config().server().host())
                        ? "no client keys configured: accepting anonymous requests (loopback bind only)"
                        : "no client keys configured and bound to a non-loopback address: every request is refused until auth.keys is set")
                : auth.keys().size() + " client keys configured");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sb.close().toCompletionStage().toCompletableFuture().get(prepared.config().server().shutdownTimeoutMs() + 5000,
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Logger.getLogger(Main.class.getName()).log(Level.WARNING, "shutdown did not finish cleanly", e);
            }
            stopped.countDown();
        }, "switchboard-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Parsed command line. */
    record Cli(Path config, Integer port, Path plugins, boolean checkConfig, boolean help, boolean cluster, boolean newKey) {
        static Cli parse(String[] args) {
            Path config = null;
            Integer port = null;
            Path plugins = null;
            boolean check = false;
            boolean help = false;
            boolean cluster = false;
            boolean newKey = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(value(args, ++i, "--config"));
                    case "--port" -> port = port(value(args, ++i, "--port"));
                    case "--plugins" -> plugins = Path.of(value(args, ++i, "--plugins"));
                    case "--check-config" -> check = true;
                    case "--cluster" -> cluster = true;
                    case "--new-key" -> newKey = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            return new Cli(config, port, plugins, check, help, cluster, newKey);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String s) {
            try {
                int p = Integer.parseInt(s);
                if (p < 0 || p > 65535) {
                    throw new IllegalArgumentException("--port must be between 0 and 65535, got " + s);
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number, got '" + s + "'");
            }
        }
    }
}
