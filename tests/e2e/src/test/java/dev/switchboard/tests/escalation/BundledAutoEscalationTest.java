package dev.switchboard.tests.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.engine.StartOptions;
import dev.switchboard.engine.Switchboard;
import dev.switchboard.tests.support.FakeOpenAi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled {@code auto} route's quality escalation, as shipped: its semantic tiers, catalog
 * prices and {@code escalation} block are the bundled config's own; only the transport differs
 * (OpenAI and Gemini point at one fake OpenAI upstream, so both budget models can answer). An
 * empty answer of the budget tier's first model is asked again of the mid tier, not of its
 * same-priced budget peer; {@code auto-next}, the same route with {@code to: next}, asks the peer.
 */
class BundledAutoEscalationTest {
    /** A prompt the built-in tier examples put in the budget tier. */
    private static final String EASY = "hi! how are you today?";

    private static FakeOpenAi fake;
    private static Switchboard node;
    private static Path file;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAi();
        fake.behave("gpt-4.1-nano", "empty");
        JsonObject config = ConfigLoader.readDefault();
        config.getJsonObject("providers").put("gemini", new JsonObject().put("type", "openai")
                .put("base-url", "${OPENAI_BASE_URL}").put("api-key", "${OPENAI_API_KEY}"));
        JsonObject routes = config.getJsonObject("routes");
        JsonObject next = routes.getJsonObject("auto").copy();
        next.getJsonObject("escalation").put("to", "next");
        routes.put("auto-next", next);
        file = Files.createTempFile("switchboard-bundled", ".yaml");
        Files.writeString(file, config.encodePrettily());   // JSON is YAML
        Map<String, String> env = Map.of("OPENAI_BASE_URL", fake.baseUrl(), "OPENAI_API_KEY", "sk-test-secret");
        node = Switchboard.start(StartOptions.defaults().withConfig(file).withPort(0).withEnv(env::get))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        fake.close();
        Files.deleteIfExists(file);
    }

    @Test
    void theBudgetPeersShareAPriceAndTheMidTierCostsMore() {
        JsonObject models = ConfigLoader.readDefault().getJsonObject("models");
        JsonObject nano = models.getJsonObject("gpt-4.1-nano");
        JsonObject lite = models.getJsonObject("gemini-2.5-flash-lite");
        JsonObject mini = models.getJsonObject("gpt-4o-mini");
        assertEquals(nano.getDouble("output-price"), lite.getDouble("output-price"), "so flash-lite is no stronger than nano");
        assertEquals(nano.getDouble("input-price"), lite.getDouble("input-price"));
        assertTrue(mini.getDouble("output-price") > nano.getDouble("output-price"), "so gpt-4o-mini is");
    }

    @Test
    void aPoorBudgetAnswerIsAskedAgainOfTheMidTier() throws Exception {
        long before = fake.calls("gemini-2.5-flash-lite");
        HttpResponse<String> r = post("auto");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("x-switchboard-reason").orElseThrow().contains("tier=budget"), r.headers().map().toString());
        assertEquals("gpt-4.1-nano:poor(empty),gpt-4o-mini:ok", attempts(r), "flash-lite costs what nano costs: skipped");
        assertEquals("gpt-4o-mini", r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertTrue(r.body().contains("echo: " + EASY), r.body());
        assertEquals(before, fake.calls("gemini-2.5-flash-lite"), "the budget peer is never called");
    }

    @Test
    void toNextAsksTheBudgetPeer() throws Exception {
        long before = fake.calls("gemini-2.5-flash-lite");
        HttpResponse<String> r = post("auto-next");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("gpt-4.1-nano:poor(empty),gemini-2.5-flash-lite:ok", attempts(r));
        assertEquals(before + 1, fake.calls("gemini-2.5-flash-lite"));
    }

    private static String attempts(HttpResponse<String> r) {
        return r.headers().firstValue("x-switchboard-attempts").orElse("");
    }

    private static HttpResponse<String> post(String route) throws Exception {
        JsonObject body = new JsonObject().put("model", route)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", EASY)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
