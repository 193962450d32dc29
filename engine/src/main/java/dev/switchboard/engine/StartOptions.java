package dev.switchboard.engine;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How to start a Switchboard node.
 *
 * @param configFile config file, or null for the bundled default
 * @param port       overrides {@code server.port} when not null (0 = any free port)
 * @param pluginsDir overrides {@code plugins.dir} when not null
 * @param env        environment lookup for {@code ${VAR}} interpolation
 * @param vertx      an existing Vert.x to run on, or null to create one
 * @param cluster    forces {@code cluster.enabled: true}
 */
public record StartOptions(Path configFile, Integer port, Path pluginsDir, Function<String, String> env, Vertx vertx, boolean cluster) {

    /** Defaults: bundled config, configured port, process environment, own Vert.x. */
    public static StartOptions defaults() {
        return new StartOptions(null, null, null, System::getenv, null, false);
    }

    public StartOptions withConfig(Path file) {
        return new StartOptions(file, port, pluginsDir, env, vertx, cluster);
    }

    public StartOptions withPort(Integer p) {
        return new StartOptions(configFile, p, pluginsDir, env, vertx, cluster);
    }

    public StartOptions withPluginsDir(Path dir) {
        return new StartOptions(configFile, port, dir, env, vertx, cluster);
    }

    public StartOptions withEnv(Function<String, String> e) {
        return new StartOptions(configFile, port, pluginsDir, e, vertx, cluster);
    }

    public StartOptions withCluster(boolean c) {
        return new StartOptions(configFile, port, pluginsDir, env, vertx, c);
    }

    public StartOptions withVertx(Vertx v) {
        return new StartOptions(configFile, port, pluginsDir, env, v, cluster);
    }
}
