package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.invalid;
import static dev.switchboard.config.ConfigLoaderTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cluster.discovery} and {@code cluster.kubernetes.*}: validated like every other key, errors name the key path. */
class ClusterDiscoveryConfigTest {

    @Test
    void tcpIpIsTheDefault() {
        SwitchboardConfig.Cluster c = load("cluster: {enabled: true, members: [10.0.0.1:5701, 10.0.0.2:5701]}").cluster();
        assertNull(c.kubernetes());
        assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), c.members());
    }

    @Test
    void kubernetesDnsMode() {
        SwitchboardConfig.Cluster c = load("""
                cluster:
                  enabled: true
                  discovery: kubernetes
                  kubernetes: {service-dns: switchboard-cluster.prod.svc.cluster.local}
                """).cluster();
        assertEquals(new ClusterSettings.Kubernetes("switchboard-cluster.prod.svc.cluster.local", null, null), c.kubernetes());
    }

    @Test
    void kubernetesApiModeWithAndWithoutNamespace() {
        assertEquals(new ClusterSettings.Kubernetes(null, "prod", "switchboard-cluster"), load("""
                cluster: {discovery: kubernetes, kubernetes: {service-name: switchboard-cluster, namespace: prod}}
                """).cluster().kubernetes());
        assertEquals(new ClusterSettings.Kubernetes(null, null, "switchboard-cluster"), load("""
                cluster: {discovery: kubernetes, kubernetes: {service-name: switchboard-cluster, namespace: ""}}
                """).cluster().kubernetes(), "an empty namespace (an unset ${VAR:-}) means the pod's own");
    }

    @Test
    void missingServiceNameIsAKeyPathError() {
        ConfigException e = invalid("cluster: {enabled: true, discovery: kubernetes}");
        assertEquals("cluster.kubernetes.service-name", e.errors().get(0).path());
        assertTrue(e.getMessage().contains("is required with discovery: kubernetes"), e.getMessage());
        assertTrue(e.getMessage().contains("service-dns"), "names the DNS-mode alternative: " + e.getMessage());

        assertEquals("cluster.kubernetes.service-name",
                invalid("cluster: {discovery: kubernetes, kubernetes: {namespace: prod}}").errors().get(0).path());
    }

    @Test
    void badDiscoverySettingsNameTheirKeys() {
        assertEquals("cluster.discovery", invalid("cluster: {discovery: multicast}").errors().get(0).path());
        assertEquals("cluster.kubernetes.service-dns", invalid("""
                cluster: {discovery: kubernetes, kubernetes: {service-dns: a.b.svc, service-name: a}}
                """).errors().get(0).path());
        assertEquals("cluster.kubernetes.namespace", invalid("""
                cluster: {discovery: kubernetes, kubernetes: {service-dns: a.b.svc, namespace: b}}
                """).errors().get(0).path());
        assertEquals("cluster.kubernetes.service", invalid("""
                cluster: {discovery: kubernetes, kubernetes: {service: a}}
                """).errors().get(0).path());
        assertEquals("cluster.members", invalid("""
                cluster: {discovery: kubernetes, members: [a:5701], kubernetes: {service-name: a}}
                """).errors().get(0).path());
        assertEquals("cluster.kubernetes", invalid("cluster: {kubernetes: {service-name: a}}").errors().get(0).path());
    }
}
