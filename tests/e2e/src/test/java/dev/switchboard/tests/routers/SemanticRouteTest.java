package dev.switchboard.tests.routers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.StartOptions;
import dev.switchboard.engine.Switchboard;
import dev.switchboard.tests.support.FakeOpenAi;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled default config, as {@code java -jar switchboard.jar} runs it: its {@code task} and
 * {@code auto} routes decide by meaning with the semantic router (the built-in bundle, loaded in
 * its own class loader) and the built-in example sets. Only OpenAI has a key, pointed at a fake.
 */
class SemanticRouteTest {
    private static FakeOpenAi fake;
    private static Switchboard node;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        Map<String, String> env = Map.of("OPENAI_BASE_URL", fake.baseUrl(), "OPENAI_API_KEY", "sk-test-secret");
        StartOptions options = StartOptions.defaults().withPort(0).withEnv(env::get);
        node = Switchboard.start(options).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        fake.close();
    }

    @Test
    void aCodingPromptLandsOnTheCodeChainWithSimilarityAndMarginInTheReason() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", RouterFixture.chat("task",
                "My Spring Boot service throws a NullPointerException in the repository layer; how do I debug it?"));
        assertEquals(200, r.statusCode(), r.body());
        String reason = r.headers().firstValue("x-switchboard-reason").orElseThrow();
        assertTrue(reason.matches("semantic: category=code similarity=0\\.\\d{3} runner-up=[a-z]+ margin=0\\.\\d{3} \\(knn k=5\\)"),
                reason);
        // the code chain is [claude-sonnet, gpt-4.1]; only OpenAI has a key, so gpt-4.1 serves
        assertEquals("gpt-4.1", r.headers().firstValue("x-switchboard-model").orElseThrow(), r.headers().map().toString());
        assertEquals(1, fake.calls("gpt-4.1"));
    }

    @Test
    void routeExplainsTheTierWithItsRunnerUpAndMargin() throws Exception {
        HttpResponse<String> r = post("/v1/route", RouterFixture.chat("auto", "hi! how are you today?"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject plan = new JsonObject(r.body());
        assertEquals("semantic", plan.getString("router"));
        JsonObject labels = plan.getJsonObject("labels");
        assertEquals("budget", labels.getString("tier"), plan.encode());
        assertTrue(labels.containsKey("similarity") && labels.containsKey("runner-up") && labels.containsKey("margin"), plan.encode());
        assertEquals("gpt-4.1-nano", plan.getString("model"), plan.encode());
    }

    @Test
    void badInputIsAnsweredByTheDefaultOrAWindowNeverA500() throws Exception {
        HttpResponse<String> empty = post("/v1/route", RouterFixture.chat("task", ""));
        assertEquals(200, empty.statusCode(), empty.body());
        assertTrue(new JsonObject(empty.body()).getString("reason").contains("default (empty message"), empty.body());
        HttpResponse<String> imageOnly = post("/v1/route", RouterFixture.chatWithImage("task", ""));
        assertEquals(200, imageOnly.statusCode(), imageOnly.body());
        assertTrue(new JsonObject(imageOnly.body()).getString("reason").contains("image-only message"), imageOnly.body());
        String longPrompt = RouterFixture.prose(20_000) + " Why does my Python parser crash?";
        HttpResponse<String> window = post("/v1/route", RouterFixture.chat("task", longPrompt));
        assertEquals(200, window.statusCode(), window.body());
        assertTrue(new JsonObject(window.body()).getString("reason").contains("embedded 64 tokens of " + longPrompt.length()
                + " chars (head 32 + tail 32 of its first and last 256 chars)"), window.body());
        // 1 MB is ~200k tokens: the router decides on its window, then no model of the chain has the context for it
        String huge = RouterFixture.prose(200_000) + " Why does my Python parser crash?";
        assertTrue(huge.length() > 1_000_000);
        HttpResponse<String> tooLong = post("/v1/route", RouterFixture.chat("task", huge));
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertEquals("no_capable_model", new JsonObject(tooLong.body()).getJsonObject("error").getString("code"), tooLong.body());
    }

    @Test
    void theSeedRoutersStayAvailable() throws Exception {
        JsonObject keyword = new JsonObject(post("/v1/route", RouterFixture.chat("task-keyword", "debug this python function")).body());
        assertEquals("keyword", keyword.getString("router"), keyword.encode());
        JsonObject complexity = new JsonObject(post("/v1/route", RouterFixture.chat("auto-complexity", "hi")).body());
        assertEquals("complexity", complexity.getString("router"), complexity.encode());
    }

    private static HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
