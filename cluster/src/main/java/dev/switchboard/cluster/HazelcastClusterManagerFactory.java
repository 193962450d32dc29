package dev.switchboard.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.KubernetesConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import dev.switchboard.spi.cluster.ClusterManagerFactory;
import dev.switchboard.spi.cluster.ClusterSettings;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast cluster manager: the data structures vertx-hazelcast needs, with multicast and
 * auto-detection off, joining the configured members by TCP-IP (or the pods behind a Kubernetes
 * service), bound to the configured host, joining at once, phone-home off and Hazelcast's own logging
 * quieted to warnings.
 */
public final class HazelcastClusterManagerFactory implements ClusterManagerFactory {

    @Override
    public ClusterManager create(ClusterSettings s) {
        return new HazelcastClusterManager(config(s));
    }

    /** The Hazelcast config of a node (public for tests). */
    public static Config config(ClusterSettings s) {
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
        Config config = vertxDataStructures(new Config());
        config.setClusterName(s.name());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // failure detection: how long a frozen member can hold the partitions (and backups) it owns;
        // the engine's deadlines keep requests moving meanwhile (see README "A frozen member")
        config.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(s.heartbeatIntervalSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(s.maxNoHeartbeatSeconds()));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        joinTiming(config);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(s.port()).setPortAutoIncrement(false).setPublicAddress(s.host() + ":" + s.port());
        network.getInterfaces().setEnabled(true).addInterface(s.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (s.kubernetes() == null) {
            tcpIp(join, s);
        } else {
            kubernetes(join, s.kubernetes());
        }
        return config;
    }

    /**
     * What vertx-hazelcast's {@code default-cluster.xml} declares, built in code: reading that file
     * ({@code ConfigUtil.loadConfig()}) parses and schema-validates XML, 1.6-3 s of CPU at start-up
     * on a loaded 2-core host, for three entries.
     */
    static Config vertxDataStructures(Config config) {
        return config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
                        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET))
                .addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1))
                .addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    }

    /** Join at once: no wait before joining ({@code hazelcast.wait.seconds.before.join}, 5 s by default). */
    private static void joinTiming(Config config) {
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
    }

    private static void tcpIp(JoinConfig join, ClusterSettings s) {
        join.getTcpIpConfig().setEnabled(true).setMembers(s.members()).setConnectionTimeoutSeconds(2);
    }

    /**
     * Hazelcast's built-in Kubernetes discovery: DNS mode asks the cluster DNS for the pods behind a
     * headless service; API mode reads the service's endpoints from the Kubernetes API (the pod's
     * service account needs get/list on endpoints, pods and services). Pods not yet ready are members
     * too: a node becomes ready only after it joined.
     */
    private static void kubernetes(JoinConfig join, ClusterSettings.Kubernetes k) {
        join.getTcpIpConfig().setEnabled(false);
        KubernetesConfig kubernetes = join.getKubernetesConfig().setEnabled(true);
        if (k.serviceDns() != null) {
            kubernetes.setProperty("service-dns", k.serviceDns());
        } else {
            kubernetes.setProperty("service-name", k.serviceName());
            if (k.namespace() != null) {
                kubernetes.setProperty("namespace", k.namespace());
            }
            kubernetes.setProperty("resolve-not-ready-addresses", "true");
        }
    }
}
