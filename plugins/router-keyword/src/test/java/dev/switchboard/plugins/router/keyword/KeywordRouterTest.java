package dev.switchboard.plugins.router.keyword;

import static dev.switchboard.plugins.router.keyword.Fixtures.request;
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

class KeywordRouterTest {

    /** The four well-known categories with only their models: the built-in keywords apply. */
    private static final Router BUILT_IN = new KeywordRouterFactory().create(new JsonObject("""
            {"categories": {
              "code":         {"models": ["deepseek-coder", "gpt-4o"]},
              "reasoning":    {"models": ["o3", "claude-sonnet"]},
              "tools":        {"models": ["gpt-4o", "claude-sonnet"]},
              "conversation": {"models": ["gpt-4o-mini"]}}}
            """), Fixtures.CONTEXT);

    /** Custom categories, non-English keywords, a pattern, no short-message rule. */
    private static final Router CUSTOM = new KeywordRouterFactory().create(new JsonObject("""
            {"categories": {
              "translation": {"keywords": ["translate", "übersetze", "翻译"], "models": ["gpt-4o"]},
              "math": {"keywords": ["integral", "ableitung"], "patterns": ["\\\\d+\\\\s*[-+*/]\\\\s*\\\\d+"], "models": ["o3"]},
              "code": {"models": ["deepseek-coder"]},
              "general": {"models": ["claude-haiku"]}},
             "default-category": "general",
             "short-message-words": 0}
            """), Fixtures.CONTEXT);

    private static final String LONG_FILLER = "lorem ipsum dolor sit amet consectetur adipiscing ".repeat(2000);

    static Stream<Arguments> prompts() {
        return Stream.of(
                row("debug a python function", BUILT_IN, "code", "deepseek-coder",
                        request(user("Can you help me debug this Python function that throws an error?"))),
                row("reasoning words", BUILT_IN, "reasoning", "o3",
                        request(user("Why does the sky look blue? Please explain it step by step."))),
                row("greeting is short", BUILT_IN, "conversation", "gpt-4o-mini", request(user("hi"))),
                row("thanks is short", BUILT_IN, "conversation", "gpt-4o-mini", request(user("thanks a lot!"))),
                row("tools win over keywords", BUILT_IN, "tools", "gpt-4o",
                        request(true, user("Fix the SQL bug in this Java class and explain why it failed"))),
                row("system prompt full of keywords is ignored", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(system("You are a Python, Java and SQL expert. Debug, refactor, compile, explain why."),
                                user("Tell me a nice story about a dragon and a brave knight"))),
                row("'this' and 'thing' do not match 'hi'", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(user("this thing is something else entirely, okay"))),
                row("python3 does not match python", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(user("I installed python3 yesterday and now it works fine"))),
                row("prefunction and subclassing are not keywords", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(user("the prefunction hook and the subclassing approach were weird"))),
                row("empty content", BUILT_IN, "conversation", "gpt-4o-mini", request(user(""))),
                row("content as an array of parts", BUILT_IN, "code", "deepseek-coder",
                        request(user(text("Please refactor"), text("this Java class to use records")))),
                row("image in an earlier message", BUILT_IN, "code", "deepseek-coder",
                        request(user(text("what is in this picture?"), image()), assistant("A cat on a sofa."),
                                user("Write a SQL query that counts the cats per owner in the table"))),
                row("only an image in the last message", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(user(image()))),
                row("English keywords inside Chinese", BUILT_IN, "code", "deepseek-coder",
                        request(user("我的Python代码有一个bug，请帮我调试一下，谢谢你的帮助"))),
                row("Chinese greeting is short", BUILT_IN, "conversation", "gpt-4o-mini", request(user("你好"))),
                row("German without English keywords", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(user("Wie geht es dir heute, mein Freund? Schöne Grüße aus München!"))),
                row("very long prompt, keyword at the end", BUILT_IN, "reasoning", "o3",
                        request(user(LONG_FILLER + " now explain the trade-off"))),
                row("multi-word keyword across a line break", BUILT_IN, "code", "deepseek-coder",
                        request(user("Here is the STACK\n  trace from the crash last night"))),
                row("multi-word 'how does'", BUILT_IN, "reasoning", "o3",
                        request(user("How does garbage collection work in general terms?"))),
                row("c++ keyword", BUILT_IN, "code", "deepseek-coder",
                        request(user("Is C++17 faster than golang for numeric workloads?"))),
                row("tie goes to the category configured first", BUILT_IN, "code", "deepseek-coder",
                        request(user("explain this python snippet"))),
                row("assistant turns are ignored", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(user("Tell me about your weekend plans please"), assistant("python debug error sql"),
                                user("That sounds lovely, tell me more about it"))),
                row("all user messages count", BUILT_IN, "code", "deepseek-coder",
                        request(user("Here is my SQL query: SELECT * FROM cats"), assistant("Looks fine."),
                                user("and now make it faster please"))),
                row("short message wins over keywords", BUILT_IN, "conversation", "gpt-4o-mini",
                        request(user("debug python"))),
                row("German keyword with umlaut", CUSTOM, "translation", "gpt-4o",
                        request(user("Bitte übersetze diesen Satz ins Englische: Die Straße ist schön."))),
                row("upper-case umlaut keyword", CUSTOM, "translation", "gpt-4o", request(user("ÜBERSETZE das bitte"))),
                row("Chinese keyword inside a sentence", CUSTOM, "translation", "gpt-4o",
                        request(user("请把这句话翻译成英文"))),
                row("pattern and keyword", CUSTOM, "math", "o3",
                        request(user("What is 12 * 7 and the integral of x squared?"))),
                row("no short-message rule, no hit: default", CUSTOM, "general", "claude-haiku", request(user("hi"))),
                row("tools without a tools category", CUSTOM, "translation", "gpt-4o",
                        request(true, user("Translate this to French"))),
                row("custom tie goes to the first category", CUSTOM, "translation", "gpt-4o",
                        request(user("translate this python snippet"))));
    }

    private static Arguments row(String name, Router router, String category, String primary, RoutingRequest request) {
        return Arguments.of(name, router, category, primary, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prompts")
    void routesPrompt(String name, Router router, String category, String primary, RoutingRequest request) {
        RoutingDecision decision = router.route(request);
        assertEquals(category, decision.labels().get("category"), decision.reason());
        assertEquals(primary, decision.primary(), decision.reason());
        assertTrue(decision.reason().startsWith("keyword category=" + category + " "), decision.reason());
    }

    @Test
    void reasonNamesTheMatchedKeywordsInOrder() {
        RoutingDecision d = BUILT_IN.route(request(user("Help me debug my python script, there is an error")));
        assertEquals("keyword category=code matched=debug,python,script,error", d.reason());
        assertEquals(List.of("deepseek-coder", "gpt-4o"), d.models());
        assertEquals(Map.of("category", "code"), d.labels());
    }

    @Test
    void reasonForEachRule() {
        assertEquals("keyword category=tools reason=request has tools",
                BUILT_IN.route(request(true, user("What is the weather in Paris today?"))).reason());
        assertEquals("keyword category=conversation short message (2 words)",
                BUILT_IN.route(request(user("hello there"))).reason());
        assertEquals("keyword category=conversation default (no keyword matched)",
                BUILT_IN.route(request(user("Tell me a story about a dragon"))).reason());
        assertEquals("keyword category=math matched=integral,/\\d+\\s*[-+*/]\\s*\\d+/",
                CUSTOM.route(request(user("the integral of 3 + 4"))).reason());
    }

    @Test
    void longReasonIsCut() {
        RoutingDecision d = BUILT_IN.route(request(user("python java rust sql regex bash git docker maven")));
        assertEquals("keyword category=code matched=python,java,rust,sql,regex,bash,+3 more", d.reason());
    }

    @Test
    void isSafeToShareBetweenThreads() {
        List<RoutingRequest> requests = List.of(request(user("debug my java code now")),
                request(user("why is that so, explain it")), request(user("hi")));
        List<String> expected = requests.stream().map(r -> BUILT_IN.route(r).primary()).toList();
        IntStream.range(0, 20_000).parallel().forEach(i -> {
            RoutingRequest r = requests.get(i % requests.size());
            assertEquals(expected.get(i % requests.size()), BUILT_IN.route(r).primary());
        });
    }
}
