package dev.switchboard.plugins.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderAdapter;
import dev.switchboard.spi.provider.ProviderException;
import dev.switchboard.testkit.GoldenFixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiErrorMapperTest {

    private final ProviderAdapter adapter = new GeminiAdapter("google", GeminiAdapterFactory.DEFAULT_BASE_URL, "k", Map.of());

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
        "rate-limited,       429, RATE_LIMITED,   RESOURCE_EXHAUSTED, 13000",
        "array-wrapped,      429, RATE_LIMITED,   RESOURCE_EXHAUSTED, 1500",
        "overloaded,         503, OVERLOADED,     UNAVAILABLE,",
        "internal,           500, UPSTREAM_5XX,   INTERNAL,",
        "deadline-exceeded,  504, TIMEOUT,        DEADLINE_EXCEEDED,",
        "unauthenticated,    401, AUTH,           UNAUTHENTICATED,",
        "permission-denied,  403, AUTH,           PERMISSION_DENIED,",
        "api-key-invalid,    400, AUTH,           API_KEY_INVALID,",
        "invalid-argument,   400, BAD_REQUEST,    INVALID_ARGUMENT,",
        "context-length,     400, CONTEXT_LENGTH, INVALID_ARGUMENT,",
        "not-found,          404, NOT_FOUND,      NOT_FOUND,"})
    void mapsGoogleErrorBody(String fixture, int status, ErrorKind kind, String code, Long retryMillis) {
        String body = GoldenFixtures.text("errors/" + fixture + ".json");
        ProviderException e = adapter.mapError(status, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body));
        assertEquals(kind, e.kind());
        assertEquals(status, e.status());
        assertEquals(code, e.code());
        assertEquals(retryMillis == null ? null : Duration.ofMillis(retryMillis), e.retryAfter());
        assertEquals(providerMessage(body), e.getMessage());
    }

    private static String providerMessage(String body) {
        Object parsed = GeminiJson.decode(body);
        JsonObject outer = parsed instanceof JsonArray ? ((JsonArray) parsed).getJsonObject(0) : (JsonObject) parsed;
        return outer.getJsonObject("error").getString("message");
    }

    @Test
    void retryAfterHeaderWinsOverRetryInfo() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "7");
        ProviderException e = adapter.mapError(429, headers, Buffer.buffer(GoldenFixtures.text("errors/rate-limited.json")));
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "502|<html><body><h1>502 Bad Gateway</h1></body></html>|UPSTREAM_5XX|<html><body><h1>502 Bad Gateway</h1></body></html>",
        "503|upstream connect error or disconnect/reset before headers|OVERLOADED|upstream connect error or disconnect/reset before headers",
        "500||UPSTREAM_5XX|HTTP 500",
        "429|{\"message\": \"not a google error\"}|RATE_LIMITED|{\"message\": \"not a google error\"}",
        "400|{\"error\": {\"code\": 400, \"message\": \"Please ensure that the input token count exceeds no limit... input token count 2000001 exceeds the limit\", \"status\": \"INVALID_ARGUMENT\"}}|CONTEXT_LENGTH|Please ensure that the input token count exceeds no limit... input token count 2000001 exceeds the limit"})
    void mapsOtherBodies(int status, String body, ErrorKind kind, String message) {
        ProviderException e = adapter.mapError(status, MultiMap.caseInsensitiveMultiMap(), body == null ? Buffer.buffer() : Buffer.buffer(body));
        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void errorWithoutStatusStringFallsBackToHttpStatus() {
        ProviderException e = adapter.mapError(429, null, Buffer.buffer("{\"error\": {\"code\": 429, \"message\": \"slow down\"}}"));
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(null, e.retryAfter());
    }
}
