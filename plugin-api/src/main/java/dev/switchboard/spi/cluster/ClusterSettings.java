package dev.switchboard.spi.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster} section of the config, as a cluster backend needs it.
 *
 * @param name    cluster name; nodes with another name never join
 * @param host    the address this node binds and announces (e.g. 127.0.0.1)
 * @param port    the cluster (Hazelcast) port of this node
 * @param members {@code host:port} of the members to join (this node may be among them)
 */
public record ClusterSettings(String name, String host, int port, List<String> members) {
    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        members = List.copyOf(members);
    }
}
