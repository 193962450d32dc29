package dev.switchboard.plugins.provider.openrouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderContext;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenRouterAdapterFactoryTest {

    private final OpenRouterAdapterFactory factory = new OpenRouterAdapterFactory();

    @Test
    void thePluginIsFoundByServiceLoaderAndContributesOpenRouter() {
        List<String> types = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.providerAdapterFactories().stream()).map(ProviderAdapterFactory::type).collect(Collectors.toList());

        assertEquals(List.of("openrouter"), types);
    }

    @Test
    void declaresItsOptionsAndOnlyTheKeyIsSecret() {
        assertEquals(List.of("base-url", "api-key", "http-referer", "x-title", "headers", "timeout-ms"),
                factory.options().stream().map(OptionSpec::name).collect(Collectors.toList()));
        assertEquals(List.of("api-key"), factory.options().stream().filter(OptionSpec::secret).map(OptionSpec::name).collect(Collectors.toList()));
        assertTrue(factory.options().stream().noneMatch(OptionSpec::required));
    }

    @Test
    void invalidOptionsNameTheKey() {
        PluginConfigException url = assertThrows(PluginConfigException.class,
                () -> factory.create(new ProviderContext("openrouter", new JsonObject().put("base-url", "openrouter.ai/api/v1"))));
        PluginConfigException headers = assertThrows(PluginConfigException.class,
                () -> factory.create(new ProviderContext("openrouter", new JsonObject().put("headers", List.of("a")))));

        assertEquals("base-url", url.path());
        assertEquals("headers", headers.path());
    }
}
