package dev.switchboard.engine.frontdoor.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.ErrorMapper;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Engine errors in Anthropic's shape and statuses. */
class AnthropicErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "400, , 400, invalid_request_error",
        "401, , 401, authentication_error",
        "402, budget_exceeded, 402, billing_error",
        "403, , 403, permission_error",
        "404, model_not_found, 404, not_found_error",
        "413, request_too_large, 413, request_too_large",
        "429, rate_limited, 429, rate_limit_error",
        "500, internal_error, 500, api_error",
        "502, upstream_5xx, 502, api_error",
        "503, circuit_open, 529, overloaded_error",
        "504, timeout, 504, timeout_error"})
    void statusesAndTypes(int status, String code, int anthropicStatus, String type) {
        ApiException e = new ApiException(status, "whatever", code, null, "what happened", null, null);
        assertEquals(anthropicStatus, AnthropicErrors.INSTANCE.status(e));
        assertEquals(new JsonObject().put("type", "error").put("error", new JsonObject().put("type", type).put("message", "what happened")),
                AnthropicErrors.INSTANCE.body(e));
    }

    @ParameterizedTest
    @CsvSource({"OVERLOADED, 529, overloaded_error", "RATE_LIMITED, 429, rate_limit_error", "AUTH, 401, authentication_error"})
    void upstreamKinds(ErrorKind kind, int status, String type) {
        ApiException e = ErrorMapper.fromProvider(new ProviderException(kind, "upstream says no"), "p", null);
        assertEquals(status, AnthropicErrors.INSTANCE.status(e));
        assertEquals(type, AnthropicErrors.INSTANCE.body(e).getJsonObject("error").getString("type"));
    }

    @org.junit.jupiter.api.Test
    void theFieldLeadsTheMessage() {
        ApiException e = ApiException.badRequest("messages.0.role", "must be user or assistant");
        assertEquals("messages.0.role: must be user or assistant", AnthropicErrors.INSTANCE.body(e).getJsonObject("error").getString("message"));
    }
}
