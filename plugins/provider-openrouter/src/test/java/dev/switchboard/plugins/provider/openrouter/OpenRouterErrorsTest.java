package dev.switchboard.plugins.provider.openrouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.chat.ChatChunk;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.spi.provider.StreamDecoder;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenRouterErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "400, BAD_REQUEST, false",
        "401, AUTH, false",
        "402, AUTH, false",
        "403, AUTH, false",
        "408, TIMEOUT, true",
        "429, RATE_LIMITED, true",
        "502, UPSTREAM_5XX, true",
        "503, OVERLOADED, true"})
    void mapsOpenRoutersNumericCodes(int status, ErrorKind kind, boolean transientKind) {
        ProviderException e = map(status, MultiMap.caseInsensitiveMultiMap(),
                "{\"error\":{\"code\":" + status + ",\"message\":\"something went wrong\"}}");

        assertEquals(kind, e.kind());
        assertEquals(transientKind, e.kind().isTransient());
        assertEquals(status, e.status());
        assertEquals(String.valueOf(status), e.code());
        assertTrue(e.getMessage().startsWith("something went wrong"), e.getMessage());
    }

    @Test
    void insufficientCreditsIsAnAccountProblemTheClientSeesAs402() {
        ProviderException e = map(402, MultiMap.caseInsensitiveMultiMap(),
                "{\"error\":{\"code\":402,\"message\":\"Insufficient credits. Add more using https://openrouter.ai/credits\"}}");

        assertEquals(ErrorKind.AUTH, e.kind());
        assertEquals(402, e.clientStatus());
        assertEquals("Insufficient credits. Add more using https://openrouter.ai/credits", e.getMessage());
    }

    @Test
    void a402WithRetryAfterIsTheInFlightBudgetAndWorthWaitingFor() {
        ProviderException e = map(402, MultiMap.caseInsensitiveMultiMap().set("retry-after", "3"),
                "{\"error\":{\"code\":402,\"message\":\"In-flight budget exceeded\",\"metadata\":{\"limit_source\":\"openrouter_in_flight_budget\"}}}");

        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(3), e.retryAfter());
    }

    @Test
    void rateLimitsKeepRetryAfter() {
        ProviderException e = map(429, MultiMap.caseInsensitiveMultiMap().set("retry-after", "7"),
                "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded: free-models-per-min.\"}}");

        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void aFlaggedInputIsAContentFilterErrorNamingTheReasons() {
        ProviderException e = map(403, MultiMap.caseInsensitiveMultiMap(), "{\"error\":{\"code\":403,\"message\":\"meta-llama/llama-guard requires "
                + "moderation and your input was flagged\",\"metadata\":{\"reasons\":[\"violence\",\"harassment\"],"
                + "\"flagged_input\":\"...\",\"provider_name\":\"OpenAI\",\"model_slug\":\"openai/gpt-4o\"}}}");

        assertEquals(ErrorKind.CONTENT_FILTER, e.kind());
        assertEquals(403, e.clientStatus());
        assertTrue(e.getMessage().contains("(flagged: violence, harassment)"), e.getMessage());
    }

    @Test
    void aDownProviderIsTransientAndNamedWithItsRawError() {
        ProviderException e = map(502, MultiMap.caseInsensitiveMultiMap(), "{\"error\":{\"code\":502,\"message\":\"Provider returned error\","
                + "\"metadata\":{\"provider_name\":\"Together\",\"raw\":\"upstream connect error or disconnect/reset before headers\"}}}");

        assertEquals(ErrorKind.UPSTREAM_5XX, e.kind());
        assertEquals("Provider returned error (upstream provider: Together): upstream connect error or disconnect/reset before headers",
                e.getMessage());
    }

    @Test
    void contextLengthIsFoundInTheMessageOrTheProvidersRawError() {
        ProviderException direct = map(400, MultiMap.caseInsensitiveMultiMap(), "{\"error\":{\"code\":400,\"message\":\"This endpoint's "
                + "maximum context length is 131072 tokens. However, you requested about 140000 tokens.\"}}");
        ProviderException raw = map(400, MultiMap.caseInsensitiveMultiMap(), "{\"error\":{\"code\":400,\"message\":\"Provider returned error\","
                + "\"metadata\":{\"provider_name\":\"Fireworks\",\"raw\":\"{\\\"error\\\":\\\"maximum context length is 8192 tokens\\\"}\"}}}");

        assertEquals(ErrorKind.CONTEXT_LENGTH, direct.kind());
        assertEquals(ErrorKind.CONTEXT_LENGTH, raw.kind());
    }

    @Test
    void aMissingKeySaysWhichVariableToSet() {
        OpenRouterAdapter keyless = new OpenRouterAdapter("openrouter", "https://openrouter.ai/api/v1", "", Map.of());

        ProviderException e = keyless.mapError(401, MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("{\"error\":{\"code\":401,\"message\":\"No auth credentials found\"}}"));

        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(e.getMessage().startsWith("No auth credentials found"), e.getMessage());
        assertTrue(e.getMessage().contains("OPENROUTER_API_KEY"), e.getMessage());
    }

    @Test
    void anErrorInsideA200BodyIsMappedByItsCode() {
        ProviderException e = assertThrows(ProviderException.class, () -> Fixtures.adapter().decodeResponse(
                Buffer.buffer("{\"error\":{\"code\":429,\"message\":\"Provider rate limited\"}}"), Fixtures.MODEL));

        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(429, e.status());
    }

    @Test
    void aMidStreamErrorEventFailsTheStreamAfterTheTextSoFar() {
        StreamDecoder decoder = Fixtures.adapter().streamDecoder(Fixtures.MODEL);
        List<ChatChunk> chunks = new ArrayList<>();

        ProviderException e = assertThrows(ProviderException.class,
                () -> decoder.feed(Buffer.buffer(GoldenFixtures.bytes("stream/mid-stream-error.sse")), chunks::add));

        assertEquals(1, chunks.size());
        assertEquals("The answer", chunks.get(0).choices().get(0).content());
        assertEquals(ErrorKind.UPSTREAM_5XX, e.kind());
        assertEquals("server_error", e.code());
        assertEquals("Provider disconnected unexpectedly", e.getMessage());
        assertFalse(decoder.done());
    }

    @Test
    void aMidStreamErrorWithANumericCodeUsesIt() {
        String sse = ": OPENROUTER PROCESSING\n\ndata: {\"error\":{\"code\":408,\"message\":\"Request timed out\"}}\n\n";

        ProviderException e = assertThrows(ProviderException.class,
                () -> Fixtures.adapter().streamDecoder(Fixtures.MODEL).feed(Buffer.buffer(sse), c -> { }));

        assertEquals(ErrorKind.TIMEOUT, e.kind());
    }

    @Test
    void connectionErrorsNameOpenRouter() {
        assertEquals("cannot reach OpenRouter at https://openrouter.ai/api/v1: Connection reset",
                Fixtures.adapter().connectionErrorMessage("Connection reset"));
    }

    private static ProviderException map(int status, MultiMap headers, String body) {
        return Fixtures.adapter().mapError(status, headers, Buffer.buffer(body));
    }
}
