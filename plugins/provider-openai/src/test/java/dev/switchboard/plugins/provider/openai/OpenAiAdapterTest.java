package dev.switchboard.plugins.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderContext;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.spi.provider.UpstreamRequest;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden translation tests for the OpenAI-compatible adapter. */
class OpenAiAdapterTest {
    static final ModelDescriptor MODEL = new ModelDescriptor("fast", "openai", "gpt-4o-mini-2024-07-18", 128000, 16384, Set.of(),
            0.15, 0.6, null, List.of());
    final ProviderAdapter adapter = new OpenAiAdapterFactory().create(new ProviderContext("openai",
            new JsonObject().put("base-url", "http://127.0.0.1:8000/v1/").put("api-key", "sk-x").put("headers", new JsonObject().put("OpenAI-Organization", "org-1"))));

    @Test
    void requestPassesThroughWithUpstreamModelAndUsageRequested() {
        JsonObject body = new JsonObject("""
                {"model":"fast","messages":[{"role":"user","content":"hi"}],"stream":true,"seed":7,"logprobs":true,
                 "parallel_tool_calls":false}""");
        UpstreamRequest r = adapter.buildRequest(ChatRequestParser.parse(body), MODEL);
        assertEquals("http://127.0.0.1:8000/v1/chat/completions", r.url());
        assertEquals("Bearer sk-x", r.headers().get("authorization"));
        assertEquals("org-1", r.headers().get("openai-organization"));
        JsonObject expected = new JsonObject("""
                {"model":"gpt-4o-mini-2024-07-18","messages":[{"role":"user","content":"hi"}],"stream":true,"seed":7,"logprobs":true,
                 "parallel_tool_calls":false,"stream_options":{"include_usage":true}}""");
        assertEquals(expected, r.body().toJsonObject());
        assertEquals("fast", body.getString("model"), "the client's body is not mutated");
    }

    @Test
    void responseIsReadWithUsageAndExtras() {
        ChatResponse r = adapter.decodeResponse(Buffer.buffer("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
                 "system_fingerprint":"fp_1","choices":[{"index":0,"message":{"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
                 "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":80,"completion_tokens":20,"total_tokens":100,"prompt_tokens_details":{"cached_tokens":64}}}"""), MODEL);
        assertEquals("tool_calls", r.choices().get(0).finishReason());
        assertEquals("get_weather", r.choices().get(0).toolCalls().get(0).name());
        assertEquals(64, r.usage().cachedTokens());
        JsonObject json = r.toJson();
        assertEquals("fp_1", json.getString("system_fingerprint"));
        assertEquals("{\"city\":\"Oslo\"}", json.getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function").getString("arguments"));
    }

    @Test
    void streamIsDecodedWhateverTheFramingAndPieces() {
        String sse = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\r\n\r\n"
                + ": keep-alive comment\r\n\r\n"
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Grüße\"},\"finish_reason\":null}]}\r\n\r\n"
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\r\n\r\n"
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\r\n\r\n"
                + "data: [DONE]\r\n\r\n";
        byte[] bytes = sse.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StreamDecoder d = adapter.streamDecoder(MODEL);
        List<ChatChunk> out = new ArrayList<>();
        for (byte b : bytes) {
            d.feed(Buffer.buffer(new byte[] {b}), out::add);
        }
        d.end(out::add);
        assertTrue(d.done());
        assertEquals(4, out.size());
        assertEquals("Grüße", out.get(1).choices().get(0).content());
        assertEquals("stop", out.get(2).choices().get(0).finishReason());
        assertEquals(5, out.get(3).usage().totalTokens());
    }

    @Test
    void streamCutBeforeDoneIsAConnectionError() {
        StreamDecoder d = adapter.streamDecoder(MODEL);
        d.feed(Buffer.buffer("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"), c -> { });
        ProviderException e = assertThrows(ProviderException.class, () -> d.end(c -> { }));
        assertEquals(ErrorKind.CONNECTION, e.kind());
    }

    @Test
    void errorsMapToKindsWithRetryAfter() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().add("retry-after-ms", "1500");
        ProviderException rl = adapter.mapError(429, h, Buffer.buffer("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));
        assertEquals(ErrorKind.RATE_LIMITED, rl.kind());
        assertEquals(Duration.ofMillis(1500), rl.retryAfter());
        assertEquals("Rate limit reached", rl.getMessage());
        assertEquals(ErrorKind.CONTEXT_LENGTH, adapter.mapError(400, null, Buffer.buffer(
                "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}")).kind());
        assertEquals(ErrorKind.AUTH, adapter.mapError(401, null, Buffer.buffer("{\"error\":{\"message\":\"Incorrect API key\"}}")).kind());
        assertEquals(ErrorKind.OVERLOADED, adapter.mapError(503, null, Buffer.buffer("<html>busy</html>")).kind());
        assertEquals(ErrorKind.UPSTREAM_5XX, adapter.mapError(500, null, Buffer.buffer("")).kind());
        assertEquals(ErrorKind.NOT_FOUND, adapter.mapError(404, null, Buffer.buffer("{\"error\":{\"message\":\"The model `x` does not exist\",\"code\":\"model_not_found\"}}")).kind());
    }

    @Test
    void malformedBodyIsTransient() {
        ProviderException e = assertThrows(ProviderException.class, () -> adapter.decodeResponse(Buffer.buffer("<html>oops"), MODEL));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.kind().isTransient());
    }
}
