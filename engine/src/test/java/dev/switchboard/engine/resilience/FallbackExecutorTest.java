package dev.switchboard.engine.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.PluginTypes;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.pipeline.RoutePlan;
import dev.switchboard.engine.pipeline.RoutingTable;
import dev.switchboard.engine.upstream.ProviderRuntime;
import dev.switchboard.engine.upstream.UpstreamClient;
import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.routing.RequestFeatures;
import dev.switchboard.toolkit.chat.ChatRequestParser;
import dev.switchboard.toolkit.provider.OpenAiCompatibleAdapter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attempt loop ({@link FallbackExecutor#complete}) against an OpenAI-wire fake on port 0 whose
 * answer depends on the upstream model: transient failures are retried up to max-retries and then
 * fall back, client and credential errors are answered at once, Retry-After sets the retry delay
 * (or moves on when over the cap), and a client that is gone stops the run.
 */
class FallbackExecutorTest {
    static final String OK = """
            {"id": "c1", "object": "chat.completion", "created": 1, "model": "up", "choices": [{"index": 0,
             "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}""";

    static Vertx vertx;
    static HttpServer upstream;
    static RoutingTable table;
    static FallbackExecutor executor;
    /** Arrival times (ms) of the requests per upstream model. */
    static final Map<String, List<Long>> HITS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = get(vertx.createHttpServer().requestHandler(r -> r.body().onSuccess(b -> answer(r, b.toJsonObject().getString("model"))))
                .listen(0, "127.0.0.1"));
        String models = String.join("\n", List.of("ok", "e503", "e400", "e401", "once429", "e429long", "hang").stream()
                .map(m -> "  " + m + ": {provider: p, upstream-model: " + m + "}").toList());
        SwitchboardConfig config = ConfigLoader.fromTree(ConfigLoader.parse("""
                providers: {p: {type: openai}}
                models:
                %s
                resilience: {max-retries: 2, retry-base-delay-ms: 1, max-retry-wait-ms: 5000, request-timeout-ms: 20000,
                             breaker: {failure-threshold: 1000}}
                """.formatted(models), "t.yaml"), new PluginTypes(Map.of("openai", List.of(OptionSpec.string("base-url", "root"))),
                Set.of()), n -> null);
        String base = "http://127.0.0.1:" + upstream.actualPort() + "/v1";
        table = new RoutingTable(config.models(), Map.of(), Map.of("p", new ProviderRuntime("p", "openai",
                new OpenAiCompatibleAdapter("p", base, null, Map.of()), 0, null)), SecretRedactor.SHAPES_ONLY);
        ResilienceResolver resolver = new ResilienceResolver(config);
        BreakerRegistry breakers = new BreakerRegistry(vertx, m -> resolver.settings(null, m));
        get(breakers.start());
        executor = new FallbackExecutor(vertx, new UpstreamClient(vertx), resolver, breakers);
    }

    @AfterAll
    static void stop() throws Exception {
        get(vertx.close());
    }

    @BeforeEach
    void clear() {
        HITS.clear();
    }

    private static void answer(HttpServerRequest r, String model) {
        List<Long> hits = HITS.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>());
        hits.add(System.currentTimeMillis());
        switch (model) {
            case "ok" -> r.response().putHeader("content-type", "application/json").end(OK);
            case "e503" -> error(r, 503, Map.of());
            case "e400" -> error(r, 400, Map.of());
            case "e401" -> error(r, 401, Map.of());
            case "once429" -> {
                if (hits.size() == 1) {
                    error(r, 429, Map.of("retry-after", "1"));
                } else {
                    r.response().putHeader("content-type", "application/json").end(OK);
                }
            }
            case "e429long" -> error(r, 429, Map.of("retry-after", "60"));
            default -> { } // hang: never answers
        }
    }

    private static void error(HttpServerRequest r, int status, Map<String, String> headers) {
        headers.forEach(r.response()::putHeader);
        r.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("message", "status " + status).put("type", "x")).encode());
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Runs the loop over the given candidates, on a Vert.x context as the front doors do. */
    static Future<Served<ChatResponse>> run(Cancellation cancellation, String... candidates) {
        ChatRequest request = ChatRequestParser.parse(new JsonObject("{\"model\": \"" + candidates[0]
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"));
        RoutePlan plan = new RoutePlan(null, null, "direct", Map.of(), List.of(candidates).stream().map(table.catalog()::get).toList(),
                List.of(), RequestFeatures.extract(request, s -> 1));
        Promise<Served<ChatResponse>> served = Promise.promise();
        vertx.runOnContext(v -> executor.complete(table, request, null, plan, cancellation).onComplete(served));
        return served.future();
    }

    static Throwable failure(Future<?> f) throws Exception {
        try {
            get(f);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the run to fail");
    }

    static int hits(String model) {
        return HITS.getOrDefault(model, List.of()).size();
    }

    @Test
    void aTransientFailureIsRetriedUpToMaxRetriesThenFallsBack() throws Exception {
        Served<ChatResponse> served = get(run(new Cancellation(), "e503", "ok"));
        assertEquals("ok", served.model().id());
        assertEquals(3, hits("e503"), "the first call and max-retries (2) retries");
        assertEquals(List.of("e503", "e503", "e503", "ok"), served.attempts().stream().map(Attempt::model).toList());
    }

    @Test
    void whenEveryCandidateFailsTheClientGetsThePrimarysErrorWithEveryAttempt() throws Exception {
        AttemptsFailedException e = assertInstanceOf(AttemptsFailedException.class, failure(run(new Cancellation(), "e503")));
        assertEquals(3, hits("e503"));
        assertEquals(3, e.attempts().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"e400", "e401"})
    void aBadRequestOrAnAuthenticationFailureIsAnsweredAtOnceWithoutRetryOrFallback(String model) throws Exception {
        ApiException e = assertInstanceOf(ApiException.class, failure(run(new Cancellation(), model, "ok")));
        assertEquals(Integer.parseInt(model.substring(1)), e.status());
        assertEquals(1, hits(model));
        assertEquals(0, hits("ok"));
    }

    @Test
    void retryAfterSetsTheDelayOfTheRetryOnTheSameModel() throws Exception {
        Served<ChatResponse> served = get(run(new Cancellation(), "once429", "ok"));
        assertEquals("once429", served.model().id(), "retried, not fallen back");
        List<Long> at = HITS.get("once429");
        assertEquals(2, at.size());
        assertTrue(at.get(1) - at.get(0) >= 950, "waited the 1 s Retry-After, took " + (at.get(1) - at.get(0)) + " ms");
        assertEquals(0, hits("ok"));
    }

    @Test
    void aRetryAfterOverTheCapMovesToTheNextCandidateAtOnce() throws Exception {
        long t0 = System.currentTimeMillis();
        Served<ChatResponse> served = get(run(new Cancellation(), "e429long", "ok"));
        assertEquals("ok", served.model().id());
        assertEquals(1, hits("e429long"), "a 60 s Retry-After is over max-retry-wait-ms: no retry");
        assertTrue(System.currentTimeMillis() - t0 < 5_000, "no wait");
    }

    @Test
    void aClientThatIsGoneStopsTheRunWithoutFallback() throws Exception {
        Cancellation cancellation = new Cancellation();
        Future<Served<ChatResponse>> served = run(cancellation, "hang", "ok");
        long deadline = System.currentTimeMillis() + 10_000;
        while (hits("hang") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5); // the upstream has the call when it counts it: poll with a deadline
        }
        vertx.runOnContext(v -> cancellation.cancel("the client went away"));
        ClientCancelledException e = assertInstanceOf(ClientCancelledException.class, failure(served));
        assertEquals(List.of("hang:" + ClientCancelledException.CODE), e.attempts().stream().map(a -> a.model() + ":" + a.outcome()).toList());
        assertEquals(0, hits("ok"), "no fallback after the client left");
    }
}
