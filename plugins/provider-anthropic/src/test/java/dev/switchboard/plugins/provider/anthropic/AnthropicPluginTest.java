package dev.switchboard.plugins.provider.anthropic;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnthropicPluginTest {
    private static final ChatRequest HELLO = ChatRequestParser.parse(new JsonObject()
            .put("model", "claude-sonnet").put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi"))));

    private static ProviderAdapterFactory factory() {
        List<ProviderAdapterFactory> factories = ServiceLoader.load(Plugin.class).stream()
                .flatMap(p -> p.get().providerAdapterFactories().stream())
                .filter(f -> "anthropic".equals(f.type())).collect(Collectors.toList());
        assertEquals(1, factories.size(), "the plugin is registered through META-INF/services");
        return factories.get(0);
    }

    @Test
    void declaresItsOptionsAndTheSecret() {
        Map<String, OptionSpec> options = factory().options().stream().collect(Collectors.toMap(OptionSpec::name, o -> o));
        assertEquals(List.of("anthropic-version", "api-key", "base-url", "headers", "timeout-ms"), options.keySet().stream().sorted().toList());
        assertTrue(options.get("api-key").secret());
        assertEquals(1, options.values().stream().filter(OptionSpec::secret).count(), "only the key is secret");
    }

    @Test
    void defaultsToAnthropicsApi() {
        ProviderAdapter adapter = factory().create(new ProviderContext("anthropic", new JsonObject().put("api-key", "sk-ant-1")));
        UpstreamRequest call = adapter.buildRequest(HELLO, Fixtures.SONNET);
        assertEquals("https://api.anthropic.com/v1/messages", call.url());
        assertEquals("sk-ant-1", call.headers().get("x-api-key"));
        assertEquals("2023-06-01", call.headers().get("anthropic-version"));
    }

    @Test
    void honoursBaseUrlVersionAndHeaders() {
        JsonObject options = new JsonObject().put("base-url", "http://127.0.0.1:9999/").put("anthropic-version", "2024-01-01")
                .put("headers", new JsonObject().put("anthropic-beta", "output-128k-2025-02-19"));
        ProviderAdapter adapter = factory().create(new ProviderContext("proxy", options));
        UpstreamRequest call = adapter.buildRequest(HELLO, Fixtures.SONNET);
        assertEquals("http://127.0.0.1:9999/v1/messages", call.url());
        assertEquals("2024-01-01", call.headers().get("anthropic-version"));
        assertEquals("output-128k-2025-02-19", call.headers().get("anthropic-beta"));
        assertEquals(null, call.headers().get("x-api-key"), "no key, no header");
        assertTrue(adapter.connectionErrorMessage("Connection refused").contains("http://127.0.0.1:9999"));
    }

    @Test
    void rejectsBadOptions() {
        PluginConfigException headers = assertThrows(PluginConfigException.class,
                () -> factory().create(new ProviderContext("a", new JsonObject().put("headers", "x-a: b"))));
        assertEquals("headers", headers.path());
        PluginConfigException url = assertThrows(PluginConfigException.class,
                () -> factory().create(new ProviderContext("a", new JsonObject().put("base-url", "api.anthropic.com"))));
        assertEquals("base-url", url.path());
    }
}
