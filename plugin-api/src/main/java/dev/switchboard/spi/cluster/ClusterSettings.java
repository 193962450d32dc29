package dev.switchboard.spi.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster} section of the config, as a cluster backend needs it.
 *
 * @param name                     cluster name; nodes with another name never join
 * @param host                     the address this node binds and announces (e.g. 127.0.0.1, or the pod's IP)
 * @param port                     the cluster (Hazelcast) port of this node
 * @param members                  {@code host:port} of the members to join (this node may be among them); used when
 *                                 {@code kubernetes} is null
 * @param heartbeatIntervalSeconds how often a member tells the others it is alive
 * @param maxNoHeartbeatSeconds    a member silent for this long is suspected and removed
 * @param kubernetes               members found through Kubernetes instead of {@code members}, or null for TCP-IP
 */
public record ClusterSettings(String name, String host, int port, List<String> members, int heartbeatIntervalSeconds,
                              int maxNoHeartbeatSeconds, Kubernetes kubernetes) {
    /** The failure-detection defaults: a heartbeat every second, suspected after 6 s of silence. */
    public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 1;
    /** See {@link #DEFAULT_HEARTBEAT_INTERVAL_SECONDS}. */
    public static final int DEFAULT_MAX_NO_HEARTBEAT_SECONDS = 6;

    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        members = List.copyOf(members);
        if (heartbeatIntervalSeconds < 1 || maxNoHeartbeatSeconds <= heartbeatIntervalSeconds) {
            throw new IllegalArgumentException("heartbeatIntervalSeconds must be >= 1 and below maxNoHeartbeatSeconds, got "
                    + heartbeatIntervalSeconds + " and " + maxNoHeartbeatSeconds);
        }
    }

    /** TCP-IP join to {@code members} with the default failure detection. */
    public ClusterSettings(String name, String host, int port, List<String> members) {
        this(name, host, port, members, null);
    }

    /** Members found as {@code kubernetes} says (TCP-IP to {@code members} when null), default failure detection. */
    public ClusterSettings(String name, String host, int port, List<String> members, Kubernetes kubernetes) {
        this(name, host, port, members, DEFAULT_HEARTBEAT_INTERVAL_SECONDS, DEFAULT_MAX_NO_HEARTBEAT_SECONDS, kubernetes);
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
