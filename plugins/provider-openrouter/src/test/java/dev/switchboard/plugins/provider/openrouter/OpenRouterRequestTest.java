package dev.switchboard.plugins.provider.openrouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class OpenRouterRequestTest {

    @Test
    void routingFieldsAndTheModelSuffixReachOpenRouterUntouched() {
        ChatRequest request = ChatRequestParser.parse(Fixtures.json("request/routing.client.json"));

        UpstreamRequest upstream = Fixtures.adapter().buildRequest(request, Fixtures.MODEL);

        assertEquals(Fixtures.json("request/routing.upstream.json"), upstream.body().toJsonObject());
        assertEquals(HttpMethod.POST, upstream.method());
        assertEquals("https://openrouter.ai/api/v1/chat/completions", upstream.url());
    }

    @Test
    void streamingKeepsTheRoutingFieldsAndAsksForUsage() {
        JsonObject client = Fixtures.json("request/routing.client.json").put("stream", true);

        JsonObject body = Fixtures.adapter().buildRequest(ChatRequestParser.parse(client), Fixtures.MODEL).body().toJsonObject();

        JsonObject expected = Fixtures.json("request/routing.upstream.json").put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true));
        assertEquals(expected, body);
    }

    @Test
    void sendsTheKeyAttributionAndExtraHeaders() {
        JsonObject options = new JsonObject().put("api-key", "sk-or-v1-abc").put("http-referer", "https://myapp.example")
                .put("x-title", "MyApp").put("headers", new JsonObject().put("X-Team", "search"));
        UpstreamRequest upstream = new OpenRouterAdapterFactory().create(new ProviderContext("openrouter", options))
                .buildRequest(simple(), Fixtures.MODEL);

        assertEquals("Bearer sk-or-v1-abc", upstream.headers().get("Authorization"));
        assertEquals("https://myapp.example", upstream.headers().get("HTTP-Referer"));
        assertEquals("MyApp", upstream.headers().get("X-Title"));
        assertEquals("search", upstream.headers().get("x-team"));
        assertEquals("application/json", upstream.headers().get("content-type"));
    }

    @Test
    void attributionHeadersAreLeftOutWhenNotConfigured() {
        UpstreamRequest upstream = new OpenRouterAdapterFactory().create(new ProviderContext("openrouter",
                new JsonObject().put("api-key", "").put("x-title", " "))).buildRequest(simple(), Fixtures.MODEL);

        assertNull(upstream.headers().get("HTTP-Referer"));
        assertNull(upstream.headers().get("X-Title"));
        assertFalse(upstream.headers().contains("authorization"), "a blank key sends no Authorization header");
    }

    private static ChatRequest simple() {
        return ChatRequestParser.parse(new JsonObject("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    }
}
