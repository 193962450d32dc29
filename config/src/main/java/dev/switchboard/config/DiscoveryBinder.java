package dev.switchboard.config;

import dev.switchboard.spi.cluster.ClusterSettings;
import java.util.Set;

/** Binds how cluster members find each other: {@code cluster.discovery} and {@code cluster.kubernetes.*}. */
final class DiscoveryBinder {
    private DiscoveryBinder() {
    }

    /** {@code cluster.discovery}: {@code tcp-ip} (the {@code members} list, null) or {@code kubernetes} ({@code cluster.kubernetes.*}). */
    static ClusterSettings.Kubernetes discovery(Node n) {
        String mode = n.string("discovery", "tcp-ip");
        boolean hasKubernetes = n.json().getValue("kubernetes") != null;
        if ("tcp-ip".equals(mode)) {
            if (hasKubernetes) {
                n.error("kubernetes", "is only read with discovery: kubernetes (discovery is tcp-ip): set discovery or remove it");
            }
            return null;
        }
        if (!"kubernetes".equals(mode)) {
            n.error("discovery", "must be tcp-ip (join the members list) or kubernetes (the pods behind a service), got '" + mode + "'");
            return null;
        }
        if (n.json().getValue("members") != null) {
            n.error("members", "is not used with discovery: kubernetes (the members are the pods behind the service): remove it");
        }
        return kubernetes(n.child("kubernetes"));
    }

    private static ClusterSettings.Kubernetes kubernetes(Node k) {
        k.allowOnly(Set.of("service-dns", "service-name", "namespace"));
        String dns = blankToNull(k.string("service-dns", null));
        String service = blankToNull(k.string("service-name", null));
        String namespace = blankToNull(k.string("namespace", null));
        if (dns == null && service == null) {
            k.error("service-name", "is required with discovery: kubernetes: the service in front of the Switchboard pods "
                    + "(API mode), or set service-dns to its headless service's DNS name (DNS mode) instead");
            return null;
        }
        if (dns != null && service != null) {
            k.error("service-dns", "and service-name exclude each other: service-dns selects DNS mode, service-name API mode");
            return null;
        }
        if (dns != null && namespace != null) {
            k.error("namespace", "is only read with service-name (API mode); in DNS mode the namespace is part of service-dns");
            return null;
        }
        return new ClusterSettings.Kubernetes(dns, namespace, service);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
