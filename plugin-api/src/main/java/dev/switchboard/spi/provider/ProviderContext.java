package dev.switchboard.spi.provider;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What a provider adapter factory gets to create one provider.
 *
 * @param providerId the provider id from config ({@code providers.<id>})
 * @param options    the provider's options with {@code ${VAR}} already interpolated (secrets included)
 */
public record ProviderContext(String providerId, JsonObject options) {
    public ProviderContext {
        Objects.requireNonNull(providerId, "providerId");
        options = options == null ? new JsonObject() : options;
    }

    /** A string option, or the default when unset or blank. */
    public String option(String name, String defaultValue) {
        Object v = options.getValue(name);
        return v == null || v.toString().isBlank() ? defaultValue : v.toString();
    }
}
