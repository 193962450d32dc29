package dev.switchboard.plugins.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.ProviderAdapterFactory;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.UpstreamRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeminiAdapterFactoryTest {

    private static ProviderAdapter create(String options) {
        return new GeminiAdapterFactory().create(new ProviderContext("google", new JsonObject(options)));
    }

    @Test
    void pluginIsFoundByServiceLoader() {
        List<ProviderAdapterFactory> factories = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof GeminiPlugin).flatMap(p -> p.providerAdapterFactories().stream()).collect(Collectors.toList());
        assertEquals(1, factories.size());
        assertEquals("gemini", factories.get(0).type());
    }

    @Test
    void declaresItsOptionsWithTheKeySecret() {
        List<OptionSpec> options = new GeminiAdapterFactory().options();
        assertEquals(List.of("base-url", "api-key", "headers", "timeout-ms"), options.stream().map(OptionSpec::name).collect(Collectors.toList()));
        assertTrue(options.get(1).secret());
        assertTrue(options.stream().filter(o -> o != options.get(1)).noneMatch(OptionSpec::secret));
    }

    @Test
    void buildsNonStreamingCall() {
        UpstreamRequest call = create("{\"api-key\": \"AIza-test\", \"headers\": {\"x-goog-user-project\": \"proj\"}}")
                .buildRequest(Fixtures.userRequest(""), Fixtures.FLASH);
        assertEquals(HttpMethod.POST, call.method());
        assertEquals("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", call.url());
        assertEquals("AIza-test", call.headers().get("x-goog-api-key"));
        assertEquals("proj", call.headers().get("x-goog-user-project"));
        assertEquals("application/json", call.headers().get("content-type"));
        assertNull(call.headers().get("authorization"));
        assertEquals("Hi", call.body().toJsonObject().getJsonArray("contents").getJsonObject(0).getJsonArray("parts").getJsonObject(0).getString("text"));
    }

    @Test
    void buildsStreamingCallWithoutKeyWhenNoneConfigured() {
        UpstreamRequest call = create("{\"base-url\": \"http://127.0.0.1:9999/v1beta/\", \"api-key\": \"\"}")
                .buildRequest(Fixtures.userRequest(", \"stream\": true"), Fixtures.FLASH);
        assertEquals("http://127.0.0.1:9999/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", call.url());
        assertFalse(call.headers().contains("x-goog-api-key"));
        assertEquals("text/event-stream", call.headers().get("accept"));
        assertFalse(call.body().toJsonObject().containsKey("stream"));
    }

    @Test
    void keepsAQualifiedModelPath() {
        assertEquals("tunedModels/my-tune", GeminiAdapter.modelPath("tunedModels/my-tune"));
        assertEquals("models/gemini-2.5-pro", GeminiAdapter.modelPath("models/gemini-2.5-pro"));
        assertEquals("models/gemini-2.5-pro", GeminiAdapter.modelPath("gemini-2.5-pro"));
    }

    @Test
    void rejectsBadOptions() {
        assertEquals("headers", assertThrows(PluginConfigException.class, () -> create("{\"headers\": \"x\"}")).path());
        assertEquals("base-url", assertThrows(PluginConfigException.class, () -> create("{\"base-url\": \"generativelanguage.googleapis.com\"}")).path());
    }

    @Test
    void connectionErrorNamesTheBaseUrl() {
        String message = create("{}").connectionErrorMessage("Connection refused");
        assertTrue(message.contains(GeminiAdapterFactory.DEFAULT_BASE_URL) && message.contains("Connection refused"), message);
        assertFalse(message.contains("AIza"));
    }
}
