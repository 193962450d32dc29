package dev.switchboard.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.switchboard.spi.cluster.ClusterManagerFactory;
import dev.switchboard.spi.cluster.ClusterSettings;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast cluster manager: vertx-hazelcast's default config (its {@code __vertx.*} maps)
 * with multicast and auto-detection off, TCP-IP join to the configured members, bound to the
 * configured host, joining at once ({@code hazelcast.wait.seconds.before.join=0}), phone-home off
 * and Hazelcast's own logging quieted to warnings.
 */
public final class HazelcastClusterManagerFactory implements ClusterManagerFactory {

    @Override
    public ClusterManager create(ClusterSettings s) {
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(s.name());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // failure detection: how long a frozen member can hold the partitions (and backups) it owns;
        // the engine's deadlines keep requests moving meanwhile (see README "A frozen member")
        config.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(s.heartbeatIntervalSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(s.maxNoHeartbeatSeconds()));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(s.port()).setPortAutoIncrement(false).setPublicAddress(s.host() + ":" + s.port());
        network.getInterfaces().setEnabled(true).addInterface(s.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(s.members()).setConnectionTimeoutSeconds(2);
        return new HazelcastClusterManager(config);
    }
}
