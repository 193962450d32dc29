package dev.switchboard.plugins.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.buffer.Buffer;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OllamaAdapterFactoryTest {

    private final OllamaAdapterFactory factory = new OllamaAdapterFactory();

    @Test
    void thePluginIsFoundByServiceLoaderAndContributesOllama() {
        List<String> types = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.providerAdapterFactories().stream()).map(ProviderAdapterFactory::type).collect(Collectors.toList());

        assertEquals(List.of("ollama"), types);
    }

    @Test
    void declaresItsOptionsWithoutSecrets() {
        List<String> names = factory.options().stream().map(OptionSpec::name).collect(Collectors.toList());

        assertEquals(List.of("base-url", "discover", "default-context-window", "set-num-ctx", "keep-alive", "headers", "timeout-ms"), names);
        assertTrue(factory.options().stream().noneMatch(OptionSpec::secret));
    }

    @Test
    void defaultsToTheLocalServerWithoutDiscovery() {
        ProviderAdapter adapter = factory.create(new ProviderContext("local", new JsonObject()));

        assertTrue(adapter.discoveryRequest().isEmpty());
        assertEquals("http://127.0.0.1:11434/api/chat", build(adapter).url());
    }

    @Test
    void readsEveryOption() {
        JsonObject options = new JsonObject().put("base-url", "http://gpu:11434/").put("discover", "true")
                .put("default-context-window", 32768).put("keep-alive", "-1").put("set-num-ctx", true)
                .put("headers", new JsonObject().put("authorization", "Bearer x")).put("timeout-ms", 120000);
        ProviderAdapter adapter = factory.create(new ProviderContext("gpu", OptionValidator.validate(factory.options(), options)));

        UpstreamRequest request = build(adapter);
        assertEquals("http://gpu:11434/api/chat", request.url());
        assertEquals("Bearer x", request.headers().get("authorization"));
        assertEquals(-1L, request.body().toJsonObject().getLong("keep_alive"));
        // num_ctx is the served model's catalog window; default-context-window only applies to discovered models
        assertEquals(Fixtures.MODEL.contextWindow(), request.body().toJsonObject().getJsonObject("options").getInteger("num_ctx"));
        assertEquals(32768, adapter.decodeDiscovery(Buffer.buffer("{\"models\":[{\"name\":\"phi4\"}]}"))
                .get(0).contextWindow());
        assertEquals("http://gpu:11434/api/tags", adapter.discoveryRequest().orElseThrow().url());
    }

    @Test
    void keepAliveAcceptsSecondsAndGoDurations() {
        assertEquals("10m", OllamaAdapterFactory.keepAlive("10m"));
        assertEquals("1h30m", OllamaAdapterFactory.keepAlive("1h30m"));
        assertEquals(600L, OllamaAdapterFactory.keepAlive("600"));
        assertEquals(0, OllamaAdapterFactory.keepAlive(0));
    }

    @Test
    void invalidOptionsNameTheKey() {
        assertInvalid(new JsonObject().put("base-url", "127.0.0.1:11434"), "base-url");
        assertInvalid(new JsonObject().put("base-url", "http://127.0.0.1:11434/v1"), "base-url");
        assertInvalid(new JsonObject().put("discover", "yes"), "discover");
        assertInvalid(new JsonObject().put("default-context-window", 0), "default-context-window");
        assertInvalid(new JsonObject().put("default-context-window", "lots"), "default-context-window");
        assertInvalid(new JsonObject().put("keep-alive", "ten minutes"), "keep-alive");
        assertInvalid(new JsonObject().put("headers", "x-a: b"), "headers");
    }

    private void assertInvalid(JsonObject options, String path) {
        PluginConfigException e = assertThrows(PluginConfigException.class, 
                () -> factory.create(new ProviderContext("local", OptionValidator.validate(factory.options(), options))));
        assertEquals(path, e.path(), e.getMessage());
    }

    private static UpstreamRequest build(ProviderAdapter adapter) {
        return adapter.buildRequest(ChatRequestParser.parse(new JsonObject("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")),
                Fixtures.MODEL);
    }
}
