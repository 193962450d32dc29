package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.engine.upstream.UpstreamCall;
import dev.switchboard.engine.upstream.UpstreamClient;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Asks providers that support discovery (e.g. Ollama with {@code discover: true}) for their models
 * and adds the ones the catalog does not have yet. A provider that cannot be reached is logged and
 * skipped: a local server that is down must not stop the router.
 */
public final class ModelDiscovery {
    private static final Logger LOG = Logger.getLogger(ModelDiscovery.class.getName());
    private static final long TIMEOUT_MS = 3000;

    private ModelDiscovery() {
    }

    /** The table with every discovered model added to its catalog. */
    public static Future<RoutingTable> discover(UpstreamClient client, RoutingTable table) {
        List<Future<List<ModelDescriptor>>> calls = new ArrayList<>();
        for (ProviderRuntime p : table.providers().values()) {
            Optional<UpstreamRequest> request = p.adapter().discoveryRequest();
            request.ifPresent(r -> calls.add(list(client, p, r, table.redactor())));
        }
        if (calls.isEmpty()) {
            return Future.succeededFuture(table);
        }
        return Future.join(calls).transform(ar -> {
            Map<String, ModelDescriptor> catalog = new LinkedHashMap<>(table.catalog());
            for (Future<List<ModelDescriptor>> f : calls) {
                if (f.succeeded()) {
                    f.result().forEach(m -> catalog.putIfAbsent(m.id(), m));
                }
            }
            return Future.succeededFuture(new RoutingTable(java.util.Collections.unmodifiableMap(catalog), table.routes(),
                    table.providers(), table.redactor()));
        });
    }

    private static Future<List<ModelDescriptor>> list(UpstreamClient client, ProviderRuntime p, UpstreamRequest r,
                                                      dev.switchboard.engine.error.SecretRedactor redactor) {
        UpstreamCall call = new UpstreamCall();
        return client.send(p, r, TIMEOUT_MS, call)
                .compose(resp -> resp.body())
                .map(body -> p.adapter().decodeDiscovery(body))
                .onSuccess(models -> LOG.info(() -> "provider '" + p.id() + "' discovered " + models.size() + " models"))
                .onFailure(t -> LOG.warning(() -> "provider '" + p.id() + "' model discovery failed: " + redactor.redact(t.getMessage())));
    }
}
