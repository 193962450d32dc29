package dev.switchboard.engine.upstream;

import dev.switchboard.spi.provider.ProviderAdapter;

/**
 * One configured provider at run time.
 *
 * @param id                provider id
 * @param type              adapter type
 * @param adapter           the plugin's translator
 * @param timeoutMs         per-call timeout (0 = the request timeout)
 * @param missingCredential when the provider's API key option is empty but was meant to come from an
 *                          environment variable: the variable's name; else null
 */
public record ProviderRuntime(String id, String type, ProviderAdapter adapter, long timeoutMs, String missingCredential) {

    /** {@code {"id", "type", "configured", "missing"}} as {@code /health} and {@code /providers} show it. */
    public io.vertx.core.json.JsonObject toJson() {
        return new io.vertx.core.json.JsonObject().put("id", id).put("type", type).put("configured", missingCredential == null)
                .put("missing", missingCredential);
    }
}
