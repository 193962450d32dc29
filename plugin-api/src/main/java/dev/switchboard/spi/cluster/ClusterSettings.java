package dev.switchboard.spi.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster} section of the config, as a cluster backend needs it.
 *
 * @param name       cluster name; nodes with another name never join
 * @param host       the address this node binds and announces (e.g. 127.0.0.1, or the pod's IP)
 * @param port       the cluster (Hazelcast) port of this node
 * @param members    {@code host:port} of the members to join (this node may be among them); used when
 *                   {@code kubernetes} is null
 * @param kubernetes members found through Kubernetes instead of {@code members}, or null for TCP-IP
 */
public record ClusterSettings(String name, String host, int port, List<String> members, Kubernetes kubernetes) {
    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        members = List.copyOf(members);
    }

    /** TCP-IP join to {@code members}. */
    public ClusterSettings(String name, String host, int port, List<String> members) {
        this(name, host, port, members, null);
    }

    /**
     * Kubernetes discovery ({@code cluster.discovery: kubernetes}): exactly one of DNS mode
     * ({@code serviceDns}) or API mode ({@code serviceName}, optionally {@code namespace}).
     *
     * @param serviceDns  DNS name of a headless service listing the members' pods, or null
     * @param namespace   namespace of {@code serviceName}, or null for the pod's own
     * @param serviceName service whose endpoints are the members (read from the Kubernetes API), or null
     */
    public record Kubernetes(String serviceDns, String namespace, String serviceName) {
        public Kubernetes {
            if ((serviceDns == null) == (serviceName == null)) {
                throw new IllegalArgumentException("exactly one of serviceDns and serviceName is required");
            }
        }
    }
}
