package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import dev.switchboard.spi.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hazelcast config each discovery mode produces (no Hazelcast is started). */
class HazelcastClusterManagerFactoryTest {

    private static JoinConfig join(Config c) {
        return c.getNetworkConfig().getJoin();
    }

    @Test
    void tcpIpJoinsTheMembersWithMulticastOff() {
        Config c = HazelcastClusterManagerFactory.config(new ClusterSettings("sb", "10.0.0.5", 5701, List.of("10.0.0.5:5701", "10.0.0.6:5701")));
        assertEquals("sb", c.getClusterName());
        assertTrue(join(c).getTcpIpConfig().isEnabled());
        assertEquals(List.of("10.0.0.5:5701", "10.0.0.6:5701"), join(c).getTcpIpConfig().getMembers());
        assertFalse(join(c).getMulticastConfig().isEnabled());
        assertFalse(join(c).getAutoDetectionConfig().isEnabled());
        assertFalse(join(c).getKubernetesConfig().isEnabled());
        assertEquals("10.0.0.5:5701", c.getNetworkConfig().getPublicAddress());
        assertEquals("0", c.getProperty("hazelcast.wait.seconds.before.join"));
    }

    @Test
    void kubernetesDnsModeAsksForTheHeadlessService() {
        Config c = HazelcastClusterManagerFactory.config(new ClusterSettings("sb", "10.1.2.3", 5701, List.of(),
                new ClusterSettings.Kubernetes("switchboard-cluster.prod.svc.cluster.local", null, null)));
        assertFalse(join(c).getTcpIpConfig().isEnabled());
        assertFalse(join(c).getMulticastConfig().isEnabled());
        assertTrue(join(c).getKubernetesConfig().isEnabled());
        assertEquals("switchboard-cluster.prod.svc.cluster.local", join(c).getKubernetesConfig().getProperty("service-dns"));
        assertNull(join(c).getKubernetesConfig().getProperty("service-name"));
        assertEquals("10.1.2.3:5701", c.getNetworkConfig().getPublicAddress());
    }

    @Test
    void kubernetesApiModeNamesTheServiceAndNamespace() {
        Config c = HazelcastClusterManagerFactory.config(new ClusterSettings("sb", "10.1.2.3", 5701, List.of(),
                new ClusterSettings.Kubernetes(null, "prod", "switchboard-cluster")));
        assertTrue(join(c).getKubernetesConfig().isEnabled());
        assertEquals("switchboard-cluster", join(c).getKubernetesConfig().getProperty("service-name"));
        assertEquals("prod", join(c).getKubernetesConfig().getProperty("namespace"));
        assertEquals("true", join(c).getKubernetesConfig().getProperty("resolve-not-ready-addresses"));
        assertNull(join(c).getKubernetesConfig().getProperty("service-dns"));

        Config own = HazelcastClusterManagerFactory.config(new ClusterSettings("sb", "10.1.2.3", 5701, List.of(),
                new ClusterSettings.Kubernetes(null, null, "switchboard-cluster")));
        assertNull(join(own).getKubernetesConfig().getProperty("namespace"), "the pod's own namespace: Hazelcast reads it from the service account");
    }

    @Test
    void declaresWhatVertxHazelcastNeedsWithoutReadingItsXml() {
        Config c = HazelcastClusterManagerFactory.config(new ClusterSettings("sb", "127.0.0.1", 5701, List.of("127.0.0.1:5701")));
        assertEquals(MultiMapConfig.ValueCollectionType.SET, c.getMultiMapConfig("__vertx.subs").getValueCollectionType());
        assertEquals(1, c.getMultiMapConfig("__vertx.subs").getBackupCount());
        assertEquals(1, c.getMapConfig("__vertx.haInfo").getBackupCount());
        assertEquals(1, c.getMapConfig("__vertx.nodeInfo").getBackupCount());
        // the same as vertx-hazelcast's own default-cluster.xml
        Config xml = io.vertx.spi.cluster.hazelcast.ConfigUtil.loadConfig();
        assertEquals(xml.getMultiMapConfig("__vertx.subs"), c.getMultiMapConfig("__vertx.subs"));
        assertEquals(xml.getMapConfig("__vertx.haInfo"), c.getMapConfig("__vertx.haInfo"));
        assertEquals(xml.getMapConfig("__vertx.nodeInfo"), c.getMapConfig("__vertx.nodeInfo"));
        assertEquals(xml.getMultiMapConfigs().keySet(), c.getMultiMapConfigs().keySet());
        assertEquals(xml.getMapConfigs().keySet(), c.getMapConfigs().keySet());
    }
}
