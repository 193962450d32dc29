package com.example.switchboard;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import java.util.List;

/** Provider type {@code plain-completion}: options {@code base-url} (required) and {@code api-key} (secret). */
public final class PlainCompletionAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String type() {
        return "plain-completion";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.string("base-url", "the service's URL, e.g. http://127.0.0.1:8081").asRequired(),
                OptionSpec.string("api-key", "sent as a bearer token").asSecret());
    }

    @Override
    public ProviderAdapter create(ProviderContext context) {
        String baseUrl = context.option("base-url", null);
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new PluginConfigException("base-url", "must be an http(s) URL, got " + baseUrl);
        }
        return new PlainCompletionAdapter(baseUrl.replaceAll("/+$", ""), context.option("api-key", null));
    }
}
