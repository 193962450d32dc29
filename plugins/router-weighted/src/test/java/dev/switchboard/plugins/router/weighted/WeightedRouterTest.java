package dev.switchboard.plugins.router.weighted;

import static dev.switchboard.testkit.Messages.PNG_DATA_URL;
import static dev.switchboard.testkit.Messages.image;
import static dev.switchboard.testkit.Messages.message;
import static dev.switchboard.testkit.Messages.text;
import static dev.switchboard.testkit.Messages.tokens;
import static dev.switchboard.testkit.Messages.user;
import static dev.switchboard.testkit.Requests.body;
import static dev.switchboard.testkit.Requests.routing;
import static dev.switchboard.testkit.Requests.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.spi.routing.RoutingDecision;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prompts and the decision each should get. The weighted router ignores content, so the same
 * sticky key lands on the same target whatever the prompt. The targets of named keys are golden:
 * they pin the rendezvous hash, which every node and every release must agree on.
 */
class WeightedRouterTest {

    static final Map<String, ModelDescriptor> CATALOG = catalog();
    static final RouterContext CONTEXT = new RouterContext("ab", CATALOG, Set.of("ab", "cheapest", "auto"));

    static final Map<String, Router> ROUTERS = Map.of(
            "user-90-10", router("{\"targets\": {\"gpt-4o\": 90, \"gpt-4o-mini\": 10}, \"sticky-by\": \"user\"}"),
            "session-3way", router("{\"targets\": {\"gpt-4o\": 50, \"claude-haiku\": 30, \"cheapest\": 20}, \"sticky-by\": \"X-Session-Id\"}"),
            "key-name", router("{\"targets\": {\"gpt-4o-mini\": 1, \"claude-haiku\": 1}, \"sticky-by\": \"key-name\"}"),
            "single", router("{\"targets\": {\"llama\": 5}}"));

    static final List<String> BIG_FIRST = List.of("gpt-4o", "gpt-4o-mini");
    static final List<String> MINI_FIRST = List.of("gpt-4o-mini", "gpt-4o");
    static final String ALICE = "weighted target=gpt-4o (weight 90/100, sticky user=alice)";

    /** One prompt with its caller metadata and the expected decision. */
    record Case(String name, String router, String body, Map<String, String> metadata, List<String> models, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, ModelDescriptor> catalog() {
        Map<String, ModelDescriptor> c = new LinkedHashMap<>();
        for (String id : List.of("gpt-4o", "gpt-4o-mini", "claude-haiku", "llama")) {
            c.put(id, new ModelDescriptor(id, "test", id, 128_000, 4096, Set.of(Capability.VISION), 1.0, 2.0, null, List.of()));
        }
        return c;
    }

    static Router router(String options) {
        return new WeightedRouterFactory().create(new JsonObject(options), CONTEXT);
    }

    /** A body with {@code "user": id}. */
    static String as(String id, String body) {
        return with(body, new JsonObject().put("user", id).encode());
    }

    static Stream<Case> cases() {
        Map<String, String> none = Map.of();
        return Stream.of(
                new Case("alice, short text", "user-90-10", as("alice", body("ab", user("Hi there"))), none, BIG_FIRST, ALICE),
                new Case("alice, image URL", "user-90-10", as("alice", body("ab", user(text("What is it?"), image("https://example.com/x.png")))),
                        none, BIG_FIRST, ALICE),
                new Case("alice, image data URL in an earlier message", "user-90-10",
                        as("alice", body("ab", user(image(PNG_DATA_URL)), message("assistant", "A pixel."), user("Colour?"))), none, BIG_FIRST, ALICE),
                new Case("alice, tools", "user-90-10", as("alice", with(body("ab", user("Weather?")),
                        "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"weather\", \"parameters\": {}}}]}")), none, BIG_FIRST, ALICE),
                new Case("alice, JSON mode", "user-90-10", as("alice", with(body("ab", user("JSON please")),
                        "{\"response_format\": {\"type\": \"json_object\"}}")), none, BIG_FIRST, ALICE),
                new Case("alice, system prompt", "user-90-10", as("alice", body("ab", message("system", "Be brief."), user("Why?"))), none, BIG_FIRST, ALICE),
                new Case("alice, empty content", "user-90-10", as("alice", body("ab", user(""))), none, BIG_FIRST, ALICE),
                new Case("alice, content parts", "user-90-10", as("alice", body("ab", user(text("a"), text("b")))), none, BIG_FIRST, ALICE),
                new Case("alice, Japanese", "user-90-10", as("alice", body("ab", user("こんにちは、元気ですか？"))), none, BIG_FIRST, ALICE),
                new Case("alice, very long prompt", "user-90-10", as("alice", body("ab", user(tokens(50_000)))), none, BIG_FIRST, ALICE),
                new Case("alice, session header is not the sticky key", "user-90-10", as("alice", body("ab", user("Hi"))),
                        Map.of("x-session-id", "s-12"), BIG_FIRST, ALICE),
                new Case("dave lands on the 10% target", "user-90-10", as("dave", body("ab", user("Hi"))), none, MINI_FIRST,
                        "weighted target=gpt-4o-mini (weight 10/100, sticky user=dave)"),
                new Case("heidi lands on the 10% target with an image", "user-90-10", as("heidi", body("ab", user(image(PNG_DATA_URL)))),
                        none, MINI_FIRST, "weighted target=gpt-4o-mini (weight 10/100, sticky user=heidi)"),
                new Case("non-ASCII user id is shown safely", "user-90-10", as("Zoë", body("ab", user("Hallo"))), none, BIG_FIRST,
                        "weighted target=gpt-4o (weight 90/100, sticky user=Zo?)"),
                new Case("long user id is cut in the reason", "user-90-10", as("u-" + "0123456789".repeat(5), body("ab", user("Hi"))), none,
                        BIG_FIRST, "weighted target=gpt-4o (weight 90/100, sticky user=u-012345678901234567890123456789...)"),
                new Case("session s-1", "session-3way", body("ab", user("Hi")), Map.of("x-session-id", "s-1"),
                        List.of("gpt-4o", "claude-haiku", "cheapest"), "weighted target=gpt-4o (weight 50/100, sticky x-session-id=s-1)"),
                new Case("session s-4", "session-3way", body("ab", user("Bonjour")), Map.of("x-session-id", "s-4"),
                        List.of("claude-haiku", "gpt-4o", "cheapest"), "weighted target=claude-haiku (weight 30/100, sticky x-session-id=s-4)"),
                new Case("session s-12 targets a route", "session-3way", body("ab", user("Hola")), Map.of("x-session-id", "s-12"),
                        List.of("cheapest", "gpt-4o", "claude-haiku"), "weighted target=cheapest (weight 20/100, sticky x-session-id=s-12)"),
                new Case("session s-12 ignores the user field", "session-3way", as("dave", body("ab", user("Hola"))), Map.of("x-session-id", "s-12"),
                        List.of("cheapest", "gpt-4o", "claude-haiku"), "weighted target=cheapest (weight 20/100, sticky x-session-id=s-12)"),
                new Case("API key team-a, equal weights keep config order behind", "key-name", body("ab", user("Hi")), Map.of("key-name", "team-a"),
                        List.of("claude-haiku", "gpt-4o-mini"), "weighted target=claude-haiku (weight 1/2, sticky key-name=team-a)"),
                new Case("API key team-b", "key-name", body("ab", user("Hi")), Map.of("key-name", "team-b"),
                        List.of("gpt-4o-mini", "claude-haiku"), "weighted target=gpt-4o-mini (weight 1/2, sticky key-name=team-b)"),
                new Case("single target, text", "single", body("ab", user("Hi")), none, List.of("llama"), "weighted target=llama (weight 5/5)"),
                new Case("single target, image and tools", "single", with(body("ab", user(image(PNG_DATA_URL))),
                        "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]}"), none, List.of("llama"),
                        "weighted target=llama (weight 5/5)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routesEachPrompt(Case c) {
        RoutingDecision decision = ROUTERS.get(c.router()).route(routing(c.body(), CATALOG, c.metadata()));

        assertEquals(c.models(), decision.models(), "models");
        assertEquals(c.reason(), decision.reason(), "reason");
        assertEquals(Map.of("target", c.models().get(0)), decision.labels(), "labels");
    }
}
