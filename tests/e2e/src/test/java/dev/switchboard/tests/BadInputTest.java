package dev.switchboard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.Configs;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad client input gets a 4xx OpenAI error naming the problem, and the server stays healthy. */
class BadInputTest {
    static FakeOpenAi fake;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        node = Node.start(Configs.openAi(fake), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        fake.close();
    }

    static Stream<Arguments> badBodies() {
        String msg = "[{\"role\":\"user\",\"content\":\"hi\"}]";
        return Stream.of(
                Arguments.of("{\"model\": \"m-ok\", \"messages\": [", 400, "not valid JSON", null),
                Arguments.of("[1, 2, 3]", 400, "must be a JSON object", null),
                Arguments.of("\"just a string\"", 400, "must be a JSON object", null),
                Arguments.of("", 400, "empty", null),
                Arguments.of("{\"model\": \"m-ok\"}", 400, "'messages' is required", "messages"),
                Arguments.of("{\"model\": \"m-ok\", \"messages\": []}", 400, "at least one message", "messages"),
                Arguments.of("{\"model\": \"m-ok\", \"messages\": \"hi\"}", 400, "must be an array", "messages"),
                Arguments.of("{\"model\": \"m-ok\", \"messages\": [\"hi\"]}", 400, "must be an object", "messages[0]"),
                Arguments.of("{\"model\": \"m-ok\", \"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}", 400, "must be one of", "messages[0].role"),
                Arguments.of("{\"model\": \"m-ok\", \"messages\": [{\"content\": \"hi\"}]}", 400, "role' is required", "messages[0].role"),
                Arguments.of("{\"model\": \"m-ok\", \"messages\": [{\"role\": \"user\", \"content\": 42}]}", 400, "string or an array", "messages[0].content"),
                Arguments.of("{\"model\": \"m-ok\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\"}]}]}", 400, "must be a string", "messages[0].content[0].text"),
                Arguments.of("{\"model\": \"m-ok\", \"stream\": \"yes\", \"messages\": " + msg + "}", 400, "boolean", "stream"),
                Arguments.of("{\"model\": \"m-ok\", \"max_tokens\": -5, \"messages\": " + msg + "}", 400, "between 1 and", "max_tokens"),
                Arguments.of("{\"model\": \"m-ok\", \"max_tokens\": 99999999999, \"messages\": " + msg + "}", 400, "between 1 and", "max_tokens"),
                Arguments.of("{\"model\": \"m-ok\", \"max_tokens\": 1.5, \"messages\": " + msg + "}", 400, "integer", "max_tokens"),
                Arguments.of("{\"model\": \"m-ok\", \"temperature\": 7, \"messages\": " + msg + "}", 400, "between 0 and 2", "temperature"),
                Arguments.of("{\"messages\": " + msg + "}", 400, "'model' is required", "model"),
                Arguments.of("{\"model\": 5, \"messages\": " + msg + "}", 400, "non-empty string", "model"),
                Arguments.of("{\"model\": \"no-such-model\", \"messages\": " + msg + "}", 404, "does not exist", "model"),
                Arguments.of("{\"model\": \"m-text\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"https://x/y.png\"}}]}]}",
                        400, "no vision capability", "model"));
    }

    @ParameterizedTest(name = "{index}: {2}")
    @MethodSource("badBodies")
    void badBodyGetsOpenAiError(String body, int status, String fragment, String param) throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", body);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        JsonObject err = new JsonObject(r.body()).getJsonObject("error");
        assertTrue(err.getString("message").contains(fragment), "message '" + err.getString("message") + "' should contain '" + fragment + "'");
        assertEquals(param, err.getString("param"));
        assertTrue(err.containsKey("type") && err.containsKey("code"));
        assertEquals(200, node.get("/health").statusCode(), "server stays healthy");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", "model=m-ok", "application/x-www-form-urlencoded");
        assertEquals(415, r.statusCode());
        assertTrue(new JsonObject(r.body()).getJsonObject("error").getString("message").contains("Content-Type: application/json"));
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "{\"model\": \"m-ok\", \"messages\": [{\"role\": \"user\", \"content\": \"" + "x".repeat(70_000) + "\"}]}";
        HttpResponse<String> r = node.post("/v1/chat/completions", big);
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(new JsonObject(r.body()).getJsonObject("error").getString("message").contains("max-body-bytes"));
        assertEquals(200, node.get("/health").statusCode());
    }

    @Test
    void unknownPathIsOpenAi404() throws Exception {
        HttpResponse<String> r = node.get("/v1/nothing-here");
        assertEquals(404, r.statusCode());
        assertTrue(new JsonObject(r.body()).containsKey("error"));
    }
}
