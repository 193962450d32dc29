package dev.switchboard.plugins.provider.anthropic;

import static dev.switchboard.plugins.provider.anthropic.Fixtures.SONNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.spi.provider.NativeRequest;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.toolkit.chat.SourceJson;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A client's own Messages body is forwarded with only the model replaced, and the client's protocol headers. */
class NativeRequestTest {
    private final AnthropicAdapter adapter = Fixtures.adapter();
    private static final String BODY = "{\"model\":\"claude-code-name\",\"max_tokens\":10,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":5},"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\",\"cache_control\":{\"type\":\"ephemeral\"}}]}],"
            + "\"top_k\":3,\"stream\":true}";

    @Test
    void forwardsTheBytesWithOnlyTheModelReplaced() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap().add("anthropic-beta", "interleaved-thinking-2025-05-14,prompt-caching-2024-07-31")
                .add("anthropic-version", "2023-06-01");
        UpstreamRequest call = adapter.buildNativeRequest(new NativeRequest(NativeRequest.ANTHROPIC_MESSAGES,
                SourceJson.parse(Buffer.buffer(BODY)), client, true), SONNET);
        assertEquals(BODY.replace("claude-code-name", SONNET.upstreamModel()), call.body().toString());
        assertEquals("https://api.anthropic.com/v1/messages", call.url());
        assertEquals("sk-ant-test", call.headers().get("x-api-key"));
        assertEquals("prompt-caching-2024-07-31,interleaved-thinking-2025-05-14", call.headers().get("anthropic-beta"),
                "configured and client flags, each once");
        assertEquals("text/event-stream", call.headers().get("accept"));
    }

    @Test
    void anObjectWithoutBytesIsReencoded() {
        JsonObject body = new JsonObject(BODY);
        UpstreamRequest call = adapter.buildNativeRequest(new NativeRequest(NativeRequest.ANTHROPIC_MESSAGES, SourceJson.of(body),
                null, false), SONNET);
        assertEquals(body.copy().put("model", SONNET.upstreamModel()), call.body().toJsonObject());
        assertNull(call.headers().get("accept"));
    }

    @Test
    void otherApisAreNotSpokenNatively() {
        assertNull(adapter.buildNativeRequest(new NativeRequest("openai-responses", SourceJson.of(new JsonObject(BODY)), null, false),
                SONNET));
    }
}
