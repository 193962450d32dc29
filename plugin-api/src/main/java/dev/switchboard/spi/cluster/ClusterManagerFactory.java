package dev.switchboard.spi.cluster;

import io.vertx.core.spi.cluster.ClusterManager;

/**
 * Creates the Vert.x cluster manager of a clustered node ({@code cluster.enabled: true}). Found by
 * {@link java.util.ServiceLoader}; the {@code switchboard-cluster} module provides the Hazelcast one.
 * Experimental: may change while clustering matures.
 */
public interface ClusterManagerFactory {

    /** A new cluster manager configured from the settings (TCP-IP members, no multicast). */
    ClusterManager create(ClusterSettings settings);
}
