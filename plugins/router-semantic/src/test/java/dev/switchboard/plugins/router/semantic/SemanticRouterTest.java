package dev.switchboard.plugins.router.semantic;

import static dev.switchboard.plugins.router.semantic.Requests.ask;
import static dev.switchboard.plugins.router.semantic.Requests.chat;
import static dev.switchboard.plugins.router.semantic.Requests.imageTurn;
import static dev.switchboard.plugins.router.semantic.Requests.turn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.routing.RoutingDecision;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The router on the built-in examples with the real model (loaded once for the class). */
class SemanticRouterTest {
    private static final String CATEGORIES = """
            {"categories": {
              "code":         {"models": ["coder", "thinker"]},
              "reasoning":    {"models": ["thinker"]},
              "conversation": {"models": ["chatty", "small-text"]},
              "tools":        {"models": ["agent"]},
              "general":      {"models": ["small-text"]}}}
            """;
    private static SemanticRouter categories;

    @BeforeAll
    static void build() {
        categories = (SemanticRouter) new SemanticRouterFactory().create(new JsonObject(CATEGORIES), Requests.CONTEXT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "How do I reverse a linked list in Java without recursion? | code",
        "My Flask app throws KeyError: 'user_id' when I submit the login form, how do I fix it? | code",
        "A train leaves at 3 pm going 60 mph; another leaves at 4 pm going 80 mph. When does the second catch up? | reasoning",
        "Find all real x such that x^2 - 5x + 6 = 0. | reasoning",
        "hey, how's it going? | conversation",
        "thanks so much, you were really helpful today | conversation",
        "set a reminder to call mom at 6 pm | tools",
        "book me a table for two at an italian place tonight | tools",
        "What is the boiling point of water at sea level? | general",
    })
    void picksTheCategoryByMeaning(String prompt, String expected) {
        RoutingDecision d = categories.route(ask(prompt));
        assertEquals(expected, d.labels().get("category"), d.reason());
        assertTrue(d.reason().startsWith("category=" + expected + " similarity="), d.reason());
        assertTrue(d.labels().containsKey("runner-up") && d.labels().containsKey("margin"), d.labels().toString());
    }

    @Test
    void codeGoesToTheCodeChainWithScoresInTheReason() {
        RoutingDecision d = categories.route(ask("Write a Python function that parses an ISO-8601 date and add unit tests"));
        assertEquals(List.of("coder", "thinker"), d.models());
        assertTrue(d.reason().matches("category=code similarity=0\\.\\d{3} runner-up=\\w+ margin=0\\.\\d{3} \\(knn k=5\\)"),
                d.reason());
    }

    @Test
    void aFollowUpKeepsTheTopicOfEarlierTurns() {
        RoutingDecision d = categories.route(chat(false,
                turn("user", "What's the weather forecast for Paris tomorrow?"),
                turn("assistant", "Sunny, 24 degrees."),
                turn("user", "and in Boston?")));
        assertEquals("tools", d.labels().get("category"), d.reason());
        assertTrue(d.reason().contains("1 earlier turn"), d.reason());
    }

    @Test
    void toolsInTheRequestForceTheToolsCategory() {
        RoutingDecision d = categories.route(chat(true, turn("user", "How do I reverse a linked list in Java?")));
        assertEquals("tools", d.labels().get("category"));
        assertEquals(List.of("agent"), d.models());
        assertEquals("category=tools request has tools", d.reason());
    }

    @Test
    void anImageOnlyMessageGoesToTheDefaultOnAVisionModel() {
        RoutingDecision d = categories.route(chat(false, imageTurn(null)));
        assertEquals("general", d.labels().get("category"));
        assertTrue(d.reason().contains("default (image-only message: no text to compare)"), d.reason());
        // general's chain has no vision model: the first vision-capable catalog models come first
        assertEquals(List.of("chatty", "agent", "small-text"), d.models());
    }

    @Test
    void imagesPutVisionModelsFirstInTheChosenChain() {
        RoutingDecision d = categories.route(chat(false, imageTurn("hi there! how are you doing today?")));
        assertEquals("conversation", d.labels().get("category"), d.reason());
        assertEquals(List.of("chatty", "small-text"), d.models());
    }

    @Test
    void anEmptyMessageGoesToTheDefault() {
        RoutingDecision d = categories.route(ask("   "));
        assertEquals("general", d.labels().get("category"));
        assertTrue(d.reason().contains("default (empty message"), d.reason());
    }

    @Test
    void aRepeatedPromptIsEmbeddedAndRankedOnceAndATurnSeenBeforeIsNotEmbeddedAgain() {
        SemanticRouter router = (SemanticRouter) new SemanticRouterFactory().create(new JsonObject(CATEGORIES), Requests.CONTEXT);
        String question = "Explain how a hash map handles collisions in Java";
        RoutingDecision first = router.route(ask(question));
        RoutingDecision second = router.route(ask(question));
        assertEquals(first, second);
        assertArrayEquals(new long[] {1, 1}, router.rankingCounts(), "ranking hits, misses");
        assertArrayEquals(new long[] {0, 1}, router.embeddingCounts(), "embedding hits, misses");
        // a follow-up: a new window (ranked), whose earlier turn was embedded already
        router.route(chat(false, turn("user", question), turn("assistant", "With chaining."), turn("user", "and in Python?")));
        assertArrayEquals(new long[] {1, 2}, router.rankingCounts(), "ranking hits, misses");
        assertArrayEquals(new long[] {1, 2}, router.embeddingCounts(), "embedding hits, misses");
    }

    @Test
    void aHugePromptEmbedsABoundedWindowAndSaysSo() {
        String huge = "def parse(line):\n    return line.split(',')\n".repeat(24_000) + "Why does this Python parser crash?";
        assertTrue(huge.length() > 1_000_000);
        long start = System.nanoTime();
        RoutingDecision d = categories.route(ask(huge));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("code", d.labels().get("category"), d.reason());
        assertTrue(d.reason().contains("embedded 64 tokens of " + huge.length() + " chars (head 32 + tail 32"
                + " of its first and last 256 chars)"), d.reason());
        assertTrue(millis < 2_000, "took " + millis + " ms");
    }

    @Test
    void aLongTurnEmbedsItsFirstAndLastTokensAsIfTheyWereSentAlone() {
        String head = "one two three four five six seven eight ".repeat(4);
        String tail = "why does my java code throw a null pointer exception ".repeat(3) + "right now";
        String middle = "the weather was lovely and we walked along the river for hours. ".repeat(2); // under max-chars: cut by tokens only
        RoutingDecision windowed = categories.route(ask(head + middle + tail));
        RoutingDecision alone = categories.route(ask(head + tail));
        assertTrue(tokens(head) == 32 && tokens(tail) == 32, "the test's premise: 32 head and 32 tail tokens");
        assertEquals(alone.labels(), windowed.labels(), windowed.reason());
        assertTrue(windowed.reason().contains(", embedded 64 of " + tokens(head + middle + tail) + " tokens (head 32 + tail 32))"),
                windowed.reason());
        assertFalse(alone.reason().contains("embedded"), alone.reason());
    }

    private static int tokens(String text) {
        return MiniLmEmbedder.shared().embed(text, TokenWindow.headAndTail(510)).tokens();
    }

    @Test
    void belowTheMarginTheDefaultApplies() {
        JsonObject options = new JsonObject(CATEGORIES).put("min-margin", 5).put("default-category", "conversation");
        RoutingDecision d = new SemanticRouterFactory().create(options, Requests.CONTEXT)
                .route(ask("How do I reverse a linked list in Java without recursion?"));
        assertEquals("conversation", d.labels().get("category"));
        assertTrue(d.reason().startsWith("category=conversation default (margin below 5.000; nearest=code similarity="),
                d.reason());
    }

    @Test
    void nonEnglishTextIsRoutedWithoutError() {
        RoutingDecision d = categories.route(ask("Wie spät ist es in Tokio? 東京は今何時ですか"));
        assertTrue(List.of("code", "reasoning", "conversation", "tools", "general").contains(d.labels().get("category")));
    }
}
