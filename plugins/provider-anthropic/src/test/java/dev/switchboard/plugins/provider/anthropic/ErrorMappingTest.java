package dev.switchboard.plugins.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {
    private final AnthropicAdapter adapter = Fixtures.adapter();

    private static String body(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    /** status, Anthropic error body, expected kind, expected code, expected message. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(429, body("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
                        ErrorKind.RATE_LIMITED, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
                Arguments.of(529, body("overloaded_error", "Overloaded"), ErrorKind.OVERLOADED, "overloaded_error", "Overloaded"),
                Arguments.of(500, body("api_error", "Internal server error"), ErrorKind.UPSTREAM_5XX, "api_error", "Internal server error"),
                Arguments.of(401, body("authentication_error", "invalid x-api-key"), ErrorKind.AUTH, "authentication_error", "invalid x-api-key"),
                Arguments.of(403, body("permission_error", "Your API key does not have permission to use the specified resource."),
                        ErrorKind.AUTH, "permission_error", "Your API key does not have permission to use the specified resource."),
                Arguments.of(400, body("invalid_request_error", "messages: roles must alternate between \\\"user\\\" and \\\"assistant\\\""),
                        ErrorKind.BAD_REQUEST, "invalid_request_error", "messages: roles must alternate between \"user\" and \"assistant\""),
                Arguments.of(400, body("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
                        ErrorKind.CONTEXT_LENGTH, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
                Arguments.of(400, body("invalid_request_error", "input length and `max_tokens` exceed context limit: 187254 + 20000 > 200000"),
                        ErrorKind.CONTEXT_LENGTH, "invalid_request_error", "input length and `max_tokens` exceed context limit: 187254 + 20000 > 200000"),
                Arguments.of(404, body("not_found_error", "model: claude-nonexistent"), ErrorKind.NOT_FOUND, "not_found_error", "model: claude-nonexistent"),
                Arguments.of(413, body("request_too_large", "Request exceeds the maximum allowed number of bytes."),
                        ErrorKind.BAD_REQUEST, "request_too_large", "Request exceeds the maximum allowed number of bytes."),
                // the error type outranks the status
                Arguments.of(500, body("overloaded_error", "Overloaded"), ErrorKind.OVERLOADED, "overloaded_error", "Overloaded"),
                // an unknown type falls back to the status
                Arguments.of(503, body("brand_new_error", "Try later"), ErrorKind.OVERLOADED, "brand_new_error", "Try later"),
                // bodies that are not Anthropic's error JSON
                Arguments.of(502, "<html><body>502 Bad Gateway</body></html>", ErrorKind.UPSTREAM_5XX, null,
                        "HTTP 502: <html><body>502 Bad Gateway</body></html>"),
                Arguments.of(529, "", ErrorKind.OVERLOADED, null, "HTTP 529"),
                Arguments.of(401, "{\"error\":\"unauthorized\"}", ErrorKind.AUTH, null, "unauthorized"));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("errors")
    void mapsErrorBodyAndStatus(int status, String body, ErrorKind kind, String code, String message) {
        ProviderException e = adapter.mapError(status, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body));
        assertEquals(kind, e.kind());
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
        assertEquals(status, e.status());
        assertNull(e.retryAfter());
    }

    @Test
    void retryAfterSeconds() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("retry-after", "30");
        ProviderException e = adapter.mapError(429, headers, Buffer.buffer(body("rate_limit_error", "slow down")));
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(30), e.retryAfter());
    }

    @Test
    void retryAfterMillisecondsWins() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("retry-after", "30").set("retry-after-ms", "1500");
        ProviderException e = adapter.mapError(529, headers, Buffer.buffer(body("overloaded_error", "Overloaded")));
        assertEquals(Duration.ofMillis(1500), e.retryAfter());
    }

    @Test
    void retryAfterHttpDate() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Retry-After", inTwoMinutes);
        ProviderException e = adapter.mapError(429, headers, Buffer.buffer(body("rate_limit_error", "slow down")));
        assertTrue(e.retryAfter().compareTo(Duration.ofSeconds(100)) > 0 && e.retryAfter().compareTo(Duration.ofSeconds(120)) <= 0,
                "about two minutes, got " + e.retryAfter());
    }

    @Test
    void transientKindsAreTransient() {
        assertTrue(adapter.mapError(529, null, Buffer.buffer(body("overloaded_error", "Overloaded"))).kind().isTransient());
        assertFalse(adapter.mapError(400, null, Buffer.buffer(body("invalid_request_error", "bad"))).kind().isTransient());
    }
}
