package dev.switchboard.tests.providers;

import static dev.switchboard.tests.providers.MessagesHttp.post;
import static dev.switchboard.tests.providers.MessagesHttp.userText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.AnthropicClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors in Anthropic's shape {@code {"type":"error","error":{"type","message"}}} with Anthropic's
 * statuses, as the SDK classifies them; bad input answered 400 naming the field, with no upstream call.
 */
class MessagesErrorsTest {
    static AnthropicNode sb;
    static final String KEY = AnthropicNode.CLIENT_KEY;

    @BeforeAll
    static void start() throws Exception {
        sb = new AnthropicNode();
    }

    @AfterAll
    static void stop() throws Exception {
        sb.close();
    }

    static JsonObject error(HttpResponse<String> r) {
        JsonObject body = new JsonObject(r.body());
        assertEquals("error", body.getString("type"), r.body());
        return body.getJsonObject("error");
    }

    @Test
    void unknownModelIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> sb.client.messages().create(AnthropicSdkTest.plain("nope", "x")));
        assertEquals(404, e.statusCode());
        assertTrue(e.requestId().isPresent(), "the SDK sees the request id");
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void upstreamRateLimitIsRateLimitErrorWithRetryAfter() throws Exception {
        assertThrows(RateLimitException.class, () -> sb.client.messages().create(AnthropicSdkTest.plain("gpt-429", "x")));
        HttpResponse<String> r = post(sb.node.url("/v1/messages"), AnthropicSdkTest.plainJson("gpt-429"), "x-api-key", KEY);
        assertEquals(429, r.statusCode());
        assertEquals("rate_limit_error", error(r).getString("type"));
        assertTrue(r.headers().firstValue("retry-after").isPresent(), "retry-after is sent");
    }

    @Test
    void overloadedUpstreamIs529OverloadedError() throws Exception {
        OverloadedException e = assertThrows(OverloadedException.class,
                () -> sb.client.messages().create(AnthropicSdkTest.plain("gpt-503", "x")));
        assertEquals(529, e.statusCode());
        HttpResponse<String> r = post(sb.node.url("/v1/messages"), AnthropicSdkTest.plainJson("gpt-503"), "x-api-key", KEY);
        assertEquals(529, r.statusCode());
        assertEquals("overloaded_error", error(r).getString("type"));
    }

    @Test
    void missingOrWrongKeyIsAuthenticationError() throws Exception {
        HttpResponse<String> none = post(sb.node.url("/v1/messages"), AnthropicSdkTest.plainJson("gpt"));
        assertEquals(401, none.statusCode());
        assertEquals("authentication_error", error(none).getString("type"));
        AnthropicClient wrong = AnthropicOkHttpClient.builder().baseUrl(sb.node.url("")).apiKey("sk-wrong").maxRetries(0).build();
        try {
            UnauthorizedException e = assertThrows(UnauthorizedException.class,
                    () -> wrong.messages().create(AnthropicSdkTest.plain("gpt", "x")));
            assertEquals(401, e.statusCode());
        } finally {
            wrong.close();
        }
        HttpResponse<String> count = post(sb.node.url("/v1/messages/count_tokens"), AnthropicSdkTest.plainJson("gpt"));
        assertEquals(401, count.statusCode());
        assertEquals("authentication_error", error(count).getString("type"));
    }

    static JsonObject body(String model) {
        return new JsonObject().put("model", model).put("max_tokens", 100).put("messages", new JsonArray().add(userText("hi")));
    }

    static JsonObject withMessages(JsonObject... messages) {
        JsonArray a = new JsonArray();
        for (JsonObject m : messages) {
            a.add(m);
        }
        return body("gpt").put("messages", a);
    }

    static JsonObject user(JsonObject... blocks) {
        JsonArray a = new JsonArray();
        for (JsonObject b : blocks) {
            a.add(b);
        }
        return new JsonObject().put("role", "user").put("content", a);
    }

    static Stream<Arguments> badInput() {
        JsonObject toolUse = new JsonObject().put("role", "assistant").put("content", new JsonArray().add(new JsonObject()
                .put("type", "tool_use").put("id", "toolu_1").put("name", "get_weather").put("input", new JsonObject())));
        JsonObject orphanResult = new JsonObject().put("type", "tool_result").put("tool_use_id", "toolu_other").put("content", "x");
        return Stream.of(
                Arguments.of(body("gpt").copy().put("max_tokens", null), "max_tokens", "Field required"),
                Arguments.of(body("gpt").put("max_tokens", 0), "max_tokens", "greater than or equal to 1"),
                Arguments.of(body("gpt").put("max_tokens", "lots"), "max_tokens", "valid integer"),
                Arguments.of(body("gpt").put("model", 7), "model", "valid string"),
                Arguments.of(body("gpt").put("messages", "hi"), "messages", "valid list"),
                Arguments.of(body("gpt").put("messages", new JsonArray()), "messages", "at least one message"),
                Arguments.of(body("gpt").put("temperature", "hot"), "temperature", "valid number"),
                Arguments.of(body("gpt").put("temperature", 1.5), "temperature", "between 0 and 1"),
                Arguments.of(body("gpt").put("stream", "yes"), "stream", "valid boolean"),
                Arguments.of(body("gpt").put("stop_sequences", new JsonArray().add(3)), "stop_sequences.0", "valid string"),
                Arguments.of(body("gpt").put("system", 5), "system", "list of text blocks"),
                Arguments.of(withMessages(new JsonObject().put("role", "robot").put("content", "x")), "messages.0.role", "'robot'"),
                Arguments.of(withMessages(new JsonObject().put("role", "user")), "messages.0.content", "Field required"),
                Arguments.of(withMessages(user(new JsonObject().put("type", "hologram"))), "messages.0.content.0.type",
                        "unknown content block type 'hologram'"),
                Arguments.of(withMessages(user(new JsonObject().put("type", "text"))), "messages.0.content.0.text", "Field required"),
                Arguments.of(withMessages(user(new JsonObject().put("type", "image").put("source", new JsonObject()
                        .put("type", "base64").put("media_type", "image/bmp").put("data", "AAAA")))),
                        "messages.0.content.0.source.media_type", "image/bmp"),
                Arguments.of(withMessages(user(orphanResult)), "messages.0.content.0.tool_use_id", "corresponding tool_use"),
                Arguments.of(withMessages(userText("weather?"), toolUse, user(orphanResult)), "messages.2.content.0.tool_use_id",
                        "toolu_other"),
                Arguments.of(withMessages(user(new JsonObject().put("type", "tool_use").put("id", "t").put("name", "n")
                        .put("input", new JsonObject()))), "messages.0.content.0.type", "assistant turns"),
                Arguments.of(body("gpt").put("tools", new JsonArray().add(new JsonObject().put("name", "f"))), "tools.0.input_schema",
                        "Field required"),
                Arguments.of(body("gpt").put("tool_choice", new JsonObject().put("type", "sometimes")), "tool_choice.type", "'sometimes'"),
                Arguments.of(body("gpt").put("tool_choice", new JsonObject().put("type", "tool").put("name", "ghost")),
                        "tool_choice.name", "ghost"),
                Arguments.of(body("gpt").put("metadata", new JsonObject().put("user_id", 5)), "metadata.user_id", "valid string"),
                Arguments.of(body("gpt").put("thinking", "on"), "thinking", "an object"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputNamesTheField(JsonObject request, String field, String says) throws Exception {
        int calls = sb.openAi.received().size();
        HttpResponse<String> r = post(sb.node.url("/v1/messages"), request.encode(), "x-api-key", KEY);
        assertEquals(400, r.statusCode(), r.body());
        JsonObject e = error(r);
        assertEquals("invalid_request_error", e.getString("type"));
        assertTrue(e.getString("message").startsWith(field + ": "), "names " + field + ": " + e.getString("message"));
        assertTrue(e.getString("message").contains(says), e.getString("message"));
        assertEquals(calls, sb.openAi.received().size(), "no upstream call");
    }

    @Test
    void countTokensNeedsNoMaxTokensButValidMessages() throws Exception {
        JsonObject ok = new JsonObject().put("model", "gpt").put("messages", new JsonArray().add(userText("hi")));
        HttpResponse<String> r = post(sb.node.url("/v1/messages/count_tokens"), ok.encode(), "x-api-key", KEY);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(new JsonObject(r.body()).getInteger("input_tokens") > 0);
        HttpResponse<String> bad = post(sb.node.url("/v1/messages/count_tokens"), new JsonObject().put("model", "gpt").encode(),
                "x-api-key", KEY);
        assertEquals(400, bad.statusCode());
        assertTrue(error(bad).getString("message").startsWith("messages: "), bad.body());
    }

    @Test
    void malformedBodiesAndWrongContentType() throws Exception {
        HttpResponse<String> notJson = post(sb.node.url("/v1/messages"), "{\"model\": ", "x-api-key", KEY);
        assertEquals(400, notJson.statusCode());
        assertEquals("invalid_request_error", error(notJson).getString("type"));
        assertTrue(error(notJson).getString("message").contains("not valid JSON"), notJson.body());

        HttpResponse<String> array = post(sb.node.url("/v1/messages"), "[1]", "x-api-key", KEY);
        assertEquals(400, array.statusCode());
        assertTrue(error(array).getString("message").contains("JSON object"), array.body());

        HttpResponse<String> text = MessagesHttp.post(sb.node.url("/v1/messages"), "hello", "x-api-key", KEY, "content-type", "text/plain");
        assertEquals(415, text.statusCode(), text.body());
        assertEquals("invalid_request_error", error(text).getString("type"));
    }

    @Test
    void serviceErrorsCarryAnthropicsShape() {
        AnthropicServiceException e = assertThrows(AnthropicServiceException.class,
                () -> sb.client.messages().create(AnthropicSdkTest.plain("nope", "x")));
        assertEquals("not_found_error", e.errorType().orElseThrow().asString());
    }
}
