package dev.switchboard.plugins.router.llmclassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.routing.AsyncRouter;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import dev.switchboard.testkit.FakeCatalog;
import dev.switchboard.testkit.Messages;
import dev.switchboard.testkit.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The question sent to the classifier, the strict reading of its answer, the cache, tools and images. */
class LlmClassifierRouterTest {
    static final Map<String, ModelDescriptor> CATALOG = catalog();
    static final String OPTIONS = """
            {"classifier": "local-llama",
             "categories": {
               "code":    {"description": "programming, debugging, code review", "models": ["coder", "chatty"]},
               "tools":   {"description": "requests that call functions", "models": ["coder"]},
               "general": {"description": "everything else", "models": ["chatty", "seer"]}}}
            """;

    static Map<String, ModelDescriptor> catalog() {
        Map<String, ModelDescriptor> c = new LinkedHashMap<>(FakeCatalog.of("coder", "plain-llama"));
        c.put("local-llama", ModelDescriptor.of("local-llama", "ollama", 8_192, 1_024, Set.of(Capability.JSON)));
        c.put("chatty", ModelDescriptor.of("chatty", "openai", 128_000, 16_384, Set.of()));
        c.put("seer", ModelDescriptor.of("seer", "openai", 128_000, 16_384, Set.of(Capability.VISION)));
        return c;
    }

    static AsyncRouter router(String json) {
        return (AsyncRouter) new LlmClassifierRouterFactory().create(new JsonObject(json),
                FakeCatalog.context("smart", CATALOG, "cheap"));
    }

    static RoutingRequest ask(JsonObject... messages) {
        return Requests.routing(Requests.body("smart", messages), CATALOG);
    }

    static Future<RoutingDecision> route(FakeRoutingServices services, RoutingRequest request) {
        return router(OPTIONS).routeAsync(request, services);
    }

    @ParameterizedTest(name = "[{index}] answer {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"category\": \"code\"}           | code",
            "'  {\"category\":\"general\"}\n'   | general",
            "code                               | code",
            "' general '                        | general",
            "{\"category\": \"poetry\"}         | FAILED",
            "poetry                             | FAILED",
            "Code                               | FAILED",
            "The category is code.              | FAILED",
            "{\"category\": \"code\", \"why\": 1} | FAILED",
            "{\"category\": [\"code\"]}         | FAILED",
            "'{\"category\": \"code\"'          | FAILED",
            "```json {\"category\": \"code\"}```  | FAILED",
            "''                                 | FAILED"})
    void theAnswerIsReadStrictly(String answer, String expected) {
        FakeRoutingServices services = FakeRoutingServices.answering(answer);
        Future<RoutingDecision> d = route(services, ask(Messages.user("sort this list in python")));
        if (expected.equals("FAILED")) {
            assertTrue(d.failed(), () -> "expected a failure, got " + d.result());
            assertInstanceOf(ClassifierAnswer.BadAnswerException.class, d.cause());
            assertTrue(d.cause().getMessage().startsWith("classifier 'local-llama' answered"), d.cause().getMessage());
            assertTrue(services.cached.isEmpty(), "a bad answer is not cached");
        } else {
            assertEquals(expected, d.result().labels().get("category"), d.result().reason());
            assertEquals("category=" + expected + " by=local-llama", d.result().reason());
        }
    }

    @Test
    void aFailedOrEmptyCompletionFailsTheDecision() {
        FakeRoutingServices down = new FakeRoutingServices(r -> Future.failedFuture(new IllegalStateException("503 upstream")));
        assertEquals("503 upstream", route(down, ask(Messages.user("hi"))).cause().getMessage());
        FakeRoutingServices noChoices = new FakeRoutingServices(r -> Future.succeededFuture(
                new dev.switchboard.spi.chat.ChatResponse("x", "m", 0, List.of(), null, null)));
        assertTrue(route(noChoices, ask(Messages.user("hi"))).cause().getMessage().contains("answered no text"));
    }

    @Test
    void theQuestionCarriesTheUsersTextTheCategoriesAndAClosedSchema() {
        FakeRoutingServices services = FakeRoutingServices.answering("{\"category\": \"code\"}");
        RoutingDecision d = route(services, ask(Messages.user("What is a monad?"), Messages.assistant("A monoid in..."),
                Messages.user("Why does my Rust borrow checker reject this loop?"))).result();
        assertEquals(List.of("coder", "chatty"), d.models());
        assertEquals("local-llama", services.calls.get(0).modelOrRoute());
        ChatRequest sent = services.last();
        assertEquals(0.0, sent.temperature());
        assertEquals(ClassifierPrompt.MAX_TOKENS, sent.maxTokens());
        assertEquals("system", sent.messages().get(0).role());
        String system = sent.messages().get(0).text();
        assertTrue(system.contains("- code: programming, debugging, code review") && system.contains("- general: everything else")
                && system.contains("one of: code, tools, general"), system);
        String user = sent.messages().get(1).text();
        assertTrue(user.endsWith("Message to classify:\nWhy does my Rust borrow checker reject this loop?"), user);
        assertTrue(user.contains("- What is a monad?"), "an earlier user turn gives context: " + user);
        assertTrue(!user.contains("A monoid"), "assistant turns are not sent");
        JsonObject schema = sent.responseFormat().getJsonObject("json_schema").getJsonObject("schema");
        assertEquals("json_schema", sent.responseFormat().getString("type"));
        assertEquals(new JsonArray(List.of("code", "tools", "general")),
                schema.getJsonObject("properties").getJsonObject("category").getJsonArray("enum"));
        assertEquals(new JsonArray().add("category"), schema.getJsonArray("required"));
    }

    @Test
    void aClassifierWithoutTheJsonCapabilityReadsTheClosedListInThePromptOnly() {
        FakeRoutingServices services = FakeRoutingServices.answering("code");
        RoutingDecision d = router(OPTIONS.replace("local-llama", "plain-llama")).routeAsync(ask(Messages.user("fix it")), services)
                .result();
        assertEquals("category=code by=plain-llama", d.reason());
        assertEquals(null, services.last().responseFormat(), "the engine would refuse JSON output to a model without json");
        assertTrue(services.last().messages().get(0).text().contains("one of: code, tools, general"));
    }

    @Test
    void aLongPromptIsSentAsABoundedWindowAndTheReasonSaysSo() {
        FakeRoutingServices services = FakeRoutingServices.answering("general");
        String huge = "start " + "blah ".repeat(200_000) + " end";
        RoutingDecision d = router(OPTIONS.replace("\"classifier\"", "\"max-chars\": 100, \"classifier\""))
                .routeAsync(ask(Messages.user(huge)), services).result();
        String user = services.last().messages().get(1).text();
        assertTrue(user.length() < 200 && user.contains("start") && user.endsWith("end"), user);
        // 100 characters of text and the newline that joins head and tail
        assertTrue(d.reason().contains("(classified 101 of " + huge.length() + " chars, head+tail)"), d.reason());
    }

    @Test
    void theSameTextIsAskedOnceThenCached() {
        FakeRoutingServices services = FakeRoutingServices.answering("{\"category\": \"code\"}");
        AsyncRouter router = router(OPTIONS);
        assertEquals("category=code by=local-llama", router.routeAsync(ask(Messages.user("fix my regex")), services)
                .result().reason());
        RoutingDecision again = router.routeAsync(ask(Messages.user("fix my regex")), services).result();
        assertEquals("category=code by=local-llama (cached)", again.reason());
        assertEquals(1, services.calls.size());
        assertEquals(List.of((long) LlmClassifierRouterFactory.DEFAULT_CACHE_TTL_MS), List.copyOf(services.ttls.values()));
        assertTrue(services.cached.keySet().iterator().next().matches("llm-classifier:[0-9a-f]{64}"), "keyed by hash, not text");

        router.routeAsync(ask(Messages.user("fix my regex please")), services).result();
        assertEquals(2, services.calls.size(), "another text asks again");

        services.cached.replaceAll((k, v) -> "gone"); // a category the route no longer has is a miss
        router.routeAsync(ask(Messages.user("fix my regex")), services).result();
        assertEquals(3, services.calls.size());

        FakeRoutingServices uncached = FakeRoutingServices.answering("code");
        AsyncRouter noCache = router(OPTIONS.replace("\"classifier\"", "\"cache-ttl-ms\": 0, \"classifier\""));
        noCache.routeAsync(ask(Messages.user("fix my regex")), uncached).result();
        noCache.routeAsync(ask(Messages.user("fix my regex")), uncached).result();
        assertEquals(2, uncached.calls.size());
        assertTrue(uncached.cached.isEmpty());
    }

    @Test
    void toolsForceTheToolsCategoryAndEmptyTextTakesTheDefaultWithoutAsking() {
        FakeRoutingServices services = FakeRoutingServices.answering("general");
        RoutingRequest withTools = Requests.routing(Requests.with(Requests.body("smart", Messages.user("weather in Oslo?")),
                "{\"tools\": " + Messages.tools().encode() + "}"), CATALOG);
        RoutingDecision tools = route(services, withTools).result();
        assertEquals("category=tools (request has tools)", tools.reason());
        assertEquals(List.of("coder"), tools.models());

        RoutingDecision imageOnly = route(services, ask(Messages.user(Messages.image()))).result();
        assertEquals("general", imageOnly.labels().get("category"));
        assertTrue(imageOnly.reason().startsWith("category=general default (image-only message: nothing to classify)"),
                imageOnly.reason());
        assertEquals(0, services.calls.size(), "nothing was asked");
    }

    @Test
    void imagesPutVisionCapableModelsFirst() {
        FakeRoutingServices services = FakeRoutingServices.answering("general");
        RoutingDecision d = route(services, ask(Messages.user(Messages.text("what is in this picture?"), Messages.image())))
                .result();
        assertEquals(List.of("seer", "chatty"), d.models());
        assertEquals("category=general by=local-llama; vision capable first", d.reason());
        assertTrue(services.last().messages().get(1).text().contains("what is in this picture?"));
    }
}
