package dev.switchboard.plugins.router.complexity;

import static dev.switchboard.plugins.router.complexity.Fixtures.request;
import static dev.switchboard.testkit.Messages.assistant;
import static dev.switchboard.testkit.Messages.image;
import static dev.switchboard.testkit.Messages.system;
import static dev.switchboard.testkit.Messages.text;
import static dev.switchboard.testkit.Messages.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComplexityRouterTest {

    /** The four default tiers with the default rules. */
    private static final Router DEFAULT = create("""
            {"tiers": {"budget": ["gpt-4o-mini"], "mid": ["claude-haiku"],
                       "standard": ["claude-sonnet", "gpt-4o"], "premium": ["o3"]}}
            """);

    /** Only two default tiers: mid and standard rules climb to premium. */
    private static final Router PARTIAL = create("""
            {"tiers": {"budget": ["gpt-4o-mini"], "premium": ["o3"]}}
            """);

    /** Custom tiers, German and Chinese markers, math off, SQL as code, small thresholds, no fallback. */
    private static final Router CUSTOM = create("""
            {"tiers": {"cheap": ["gpt-4o-mini"], "smart": ["claude-sonnet"]},
             "math-markers": [],
             "reasoning-markers": ["erkläre", "warum", "为什么"],
             "code-markers": ["SELECT "],
             "long-words": 50, "medium-words": 20,
             "tier-for": {"math": "smart", "reasoning-with-code": "smart", "code": "smart", "reasoning": "smart",
                          "long": "smart", "medium": "cheap", "simple": "cheap"},
             "fallback-to-stronger": false}
            """);

    private static Router create(String options) {
        return new ComplexityRouterFactory().create(new JsonObject(options), Fixtures.CONTEXT);
    }

    private static String words(int n) {
        return "alpha beta gamma delta epsilon zeta eta theta iota kappa ".repeat(n / 10).strip();
    }

    static Stream<Arguments> prompts() {
        return Stream.of(
                row("greeting", DEFAULT, "budget", "gpt-4o-mini", request(user("hi"))),
                row("math marker", DEFAULT, "premium", "o3", request(user("Derive the formula for the area of a circle"))),
                row("math marker, upper case", DEFAULT, "premium", "o3", request(user("CALCULATE 2+2 for me"))),
                row("fenced code", DEFAULT, "standard", "claude-sonnet", request(user("```python\nprint(1)\n```"))),
                row("def marker", DEFAULT, "standard", "claude-sonnet", request(user("def add(a, b): return a + b"))),
                row("import marker", DEFAULT, "standard", "claude-sonnet", request(user("import pandas as pd"))),
                row("reasoning marker", DEFAULT, "standard", "claude-sonnet", request(user("Explain why the sky is blue"))),
                row("'how does' across spaces", DEFAULT, "standard", "claude-sonnet",
                        request(user("So   HOW\nDOES a transistor work"))),
                row("reasoning with code", DEFAULT, "premium", "o3",
                        request(user("Explain this snippet:\n```js\nconsole.log(1)\n```"))),
                row("reasoning and code in different user messages", DEFAULT, "premium", "o3",
                        request(user("```java\nint x = 1 / 0;\n```"), assistant("It throws."), user("why does it fail?"))),
                row("medium length", DEFAULT, "mid", "claude-haiku", request(user(words(150)))),
                row("long", DEFAULT, "standard", "claude-sonnet", request(user(words(600)))),
                row("very long with a math marker at the end", DEFAULT, "premium", "o3",
                        request(user(words(20_000) + " now derive it"))),
                row("system prompt full of markers is ignored", DEFAULT, "budget", "gpt-4o-mini",
                        request(system("Derive every formula, explain why, compare, ```code``` def class import "),
                                user("hello there"))),
                row("assistant code is ignored", DEFAULT, "budget", "gpt-4o-mini",
                        request(user("show me"), assistant("```python\ndef f(): pass\n```"), user("thanks!"))),
                row("'prefunction' is not 'function '", DEFAULT, "budget", "gpt-4o-mini",
                        request(user("the prefunction hook fired twice"))),
                row("'proofreading' is not 'proof'", DEFAULT, "budget", "gpt-4o-mini",
                        request(user("this is a proofreading job"))),
                row("'Class ' in prose is not code", DEFAULT, "budget", "gpt-4o-mini",
                        request(user("Class of 2020 reunion plans"))),
                row("empty content", DEFAULT, "budget", "gpt-4o-mini", request(user(""))),
                row("content as an array of parts", DEFAULT, "standard", "claude-sonnet",
                        request(user(text("Please tell me"), text("how does TCP work")))),
                row("image in an earlier message", DEFAULT, "budget", "gpt-4o-mini",
                        request(user(text("what is in this picture?"), image()), assistant("A cat."), user("nice, thanks"))),
                row("tools do not change the tier", DEFAULT, "budget", "gpt-4o-mini", request(true, user("hi"))),
                row("Chinese, short", DEFAULT, "budget", "gpt-4o-mini", request(user("请解释为什么天空是蓝色的"))),
                row("Chinese, 150 characters", DEFAULT, "mid", "claude-haiku", request(user("天空是蓝色的因为散射。".repeat(15)))),
                row("German with default markers", DEFAULT, "budget", "gpt-4o-mini",
                        request(user("Erkläre mir bitte, warum der Himmel blau ist"))),
                row("medium climbs to the next configured tier", PARTIAL, "premium", "o3", request(user(words(150)))),
                row("standard climbs to the strongest tier", PARTIAL, "premium", "o3", request(user("why?"))),
                row("budget stays budget", PARTIAL, "budget", "gpt-4o-mini", request(user("hi"))),
                row("German marker with umlaut", CUSTOM, "smart", "claude-sonnet",
                        request(user("ERKLÄRE mir bitte, warum der Himmel blau ist"))),
                row("Chinese marker inside a sentence", CUSTOM, "smart", "claude-sonnet",
                        request(user("请解释为什么天空是蓝色的"))),
                row("math markers turned off", CUSTOM, "cheap", "gpt-4o-mini", request(user("Derive the formula"))),
                row("custom code marker", CUSTOM, "smart", "claude-sonnet", request(user("SELECT * FROM t"))),
                row("custom medium tier", CUSTOM, "cheap", "gpt-4o-mini", request(user(words(30)))),
                row("custom long tier", CUSTOM, "smart", "claude-sonnet", request(user(words(60)))));
    }

    private static Arguments row(String name, Router router, String tier, String primary, RoutingRequest request) {
        return Arguments.of(name, router, tier, primary, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prompts")
    void routesPrompt(String name, Router router, String tier, String primary, RoutingRequest request) {
        RoutingDecision decision = router.route(request);
        assertEquals(tier, decision.labels().get("tier"), decision.reason());
        assertEquals(primary, decision.primary(), decision.reason());
        assertTrue(decision.reason().startsWith("complexity tier=" + tier + " signals="), decision.reason());
    }

    @Test
    void reasonNamesTheSignals() {
        assertEquals("complexity tier=premium signals=math(derive),code(fenced)",
                DEFAULT.route(request(user("Derive it:\n```\nx = y\n```"))).reason());
        assertEquals("complexity tier=premium signals=reasoning(explain),code(def)",
                DEFAULT.route(request(user("explain def f(x): pass"))).reason());
        assertEquals("complexity tier=mid signals=medium(150 words)", DEFAULT.route(request(user(words(150)))).reason());
        assertEquals("complexity tier=standard signals=long(600 words)", DEFAULT.route(request(user(words(600)))).reason());
        assertEquals("complexity tier=budget signals=simple(1 word)", DEFAULT.route(request(user("hi"))).reason());
        assertEquals("complexity tier=budget signals=simple(0 words)", DEFAULT.route(request(user(""))).reason());
    }

    @Test
    void chainAppendsStrongerTiersOnce() {
        Router router = create("""
                {"tiers": {"budget": ["gpt-4o-mini", "gpt-4o"], "standard": ["gpt-4o", "claude-sonnet"],
                           "premium": ["o3", "gpt-4o-mini"]}}
                """);
        RoutingDecision budget = router.route(request(user("hi")));
        assertEquals(List.of("gpt-4o-mini", "gpt-4o", "claude-sonnet", "o3"), budget.models());
        assertEquals(Map.of("tier", "budget"), budget.labels());
        assertEquals(List.of("o3", "gpt-4o-mini"), router.route(request(user("write the proof"))).models());
        assertEquals(List.of("o3", "gpt-4o-mini"), router.route(request(user("derive it"))).models());
    }

    @Test
    void chainWithoutFallbackIsTheTierOnly() {
        assertEquals(List.of("claude-sonnet"), CUSTOM.route(request(user("warum?"))).models());
        assertEquals(List.of("claude-sonnet", "gpt-4o", "o3"), DEFAULT.route(request(user("why?"))).models());
    }

    @Test
    void strongestFiredRuleWins() {
        Router router = create("""
                {"tiers": {"budget": ["gpt-4o-mini"], "standard": ["claude-sonnet"], "premium": ["o3"]},
                 "tier-for": {"code": "budget", "long": "premium"}, "long-words": 10}
                """);
        assertEquals("budget", router.route(request(user("import os"))).labels().get("tier"));
        assertEquals("premium", router.route(request(user("import os " + words(20)))).labels().get("tier"));
    }

    @Test
    void withEveryMarkerOffOnlyLengthCounts() {
        Router router = create("""
                {"tiers": {"budget": ["gpt-4o-mini"], "mid": ["claude-haiku"], "standard": ["claude-sonnet"]},
                 "math-markers": [], "reasoning-markers": [], "code-markers": []}
                """);
        assertEquals("complexity tier=budget signals=simple(6 words)",
                router.route(request(user("Derive and explain: ```def f(): pass```"))).reason());
        assertEquals("mid", router.route(request(user(words(110)))).labels().get("tier"));
    }

    @Test
    void isSafeToShareBetweenThreads() {
        List<RoutingRequest> requests = List.of(request(user("derive the formula")), request(user("why is that")),
                request(user("hi")), request(user(words(200))));
        List<String> expected = requests.stream().map(r -> DEFAULT.route(r).primary()).toList();
        IntStream.range(0, 20_000).parallel().forEach(i -> {
            RoutingRequest r = requests.get(i % requests.size());
            assertEquals(expected.get(i % requests.size()), DEFAULT.route(r).primary());
        });
    }
}
