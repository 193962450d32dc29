package dev.switchboard.plugins.router.multimodal;

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
 * Prompts and the decision each should get. Small context windows keep the long-prompt cases
 * cheap: the secondary {@code text-lite} has 2000 tokens and at most 256 output tokens, so with the
 * default reserve a request fits it up to 1744 input tokens; the primary fits up to 8000-1024.
 * A single user message of {@code tokens(t)} is estimated at {@code t + 7} tokens.
 */
class MultimodalRouterTest {

    static final String PRIMARY = "vision-pro";
    static final String SECONDARY = "text-lite";
    static final String VISION_SECONDARY = "vision-lite";

    static final Map<String, ModelDescriptor> CATALOG = catalog();

    static final Map<String, Router> ROUTERS = Map.of(
            "default", router("{\"primary\": \"vision-pro\", \"secondary\": \"text-lite\"}"),
            "vision-secondary", router("{\"primary\": \"vision-pro\", \"secondary\": \"vision-lite\"}"),
            "reserve-100", router("{\"primary\": \"vision-pro\", \"secondary\": \"text-lite\", \"reserve-output-tokens\": 100}"));

    static final List<String> SECONDARY_THEN_PRIMARY = List.of(SECONDARY, PRIMARY);
    static final List<String> PRIMARY_ONLY = List.of(PRIMARY);
    static final String FITS = "multimodal: text only, fits secondary";

    /** One prompt and its expected decision. */
    record Case(String name, String router, String body, List<String> models, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, ModelDescriptor> catalog() {
        Map<String, ModelDescriptor> c = new LinkedHashMap<>();
        c.put(PRIMARY, model(PRIMARY, 8000, 1024, Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON), 2.5, 10.0));
        c.put(SECONDARY, model(SECONDARY, 2000, 256, Set.of(Capability.TOOLS, Capability.JSON), 0.1, 0.4));
        c.put(VISION_SECONDARY, model(VISION_SECONDARY, 2000, 256, Set.of(Capability.VISION), 0.15, 0.6));
        c.put("plain", model("plain", 4000, 512, Set.of(), 0.2, 0.8));
        return c;
    }

    static ModelDescriptor model(String id, int context, int maxOut, Set<Capability> caps, double in, double out) {
        return new ModelDescriptor(id, "test", id, context, maxOut, caps, in, out, null, List.of());
    }

    static Router router(String options) {
        return new MultimodalRouterFactory().create(new JsonObject(options), new RouterContext("mm", CATALOG, Set.of("mm")));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("short English question", "default", body("mm", user("What is the capital of France?")), SECONDARY_THEN_PRIMARY, FITS),
                new Case("system prompt and user", "default", body("mm", message("system", "You are terse."), user("Summarise TCP.")),
                        SECONDARY_THEN_PRIMARY, FITS),
                new Case("developer prompt", "default", body("mm", message("developer", "Answer in JSON."), user("List 3 colours")),
                        SECONDARY_THEN_PRIMARY, FITS),
                new Case("empty content", "default", body("mm", user("")), SECONDARY_THEN_PRIMARY, FITS),
                new Case("content as an array of text parts", "default", body("mm", user(text("Part one."), text("Part two."))),
                        SECONDARY_THEN_PRIMARY, FITS),
                new Case("Japanese text", "default", body("mm", user("東京の明日の天気を詳しく教えてください。")), SECONDARY_THEN_PRIMARY, FITS),
                new Case("Russian and Arabic text", "default", body("mm", user("Привет, как дела? مرحبا كيف حالك")), SECONDARY_THEN_PRIMARY, FITS),
                new Case("image URL in the only message", "default",
                        body("mm", user(text("What is in this picture?"), image("https://example.com/cat.jpg"))),
                        PRIMARY_ONLY, "multimodal: image in messages[0] -> primary"),
                new Case("image data URL", "default", body("mm", user(text("Describe"), image(PNG_DATA_URL))),
                        PRIMARY_ONLY, "multimodal: image in messages[0] -> primary"),
                new Case("image-only content", "default", body("mm", user(image(PNG_DATA_URL))),
                        PRIMARY_ONLY, "multimodal: image in messages[0] -> primary"),
                new Case("image in an earlier message, text follow-ups", "default",
                        body("mm", message("system", "Be helpful."), user(text("Look"), image("https://example.com/a.png")),
                                message("assistant", "A chart of sales."), user("Which month was best?")),
                        PRIMARY_ONLY, "multimodal: image in messages[1] -> primary"),
                new Case("two images in different messages", "default",
                        body("mm", user("Compare these"), user(image(PNG_DATA_URL)), user(image(PNG_DATA_URL))),
                        PRIMARY_ONLY, "multimodal: image in messages[1] -> primary"),
                new Case("tools are not the router's concern", "default", with(body("mm", user("Weather in Oslo?")),
                        "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"weather\", \"parameters\": {}}}]}"),
                        SECONDARY_THEN_PRIMARY, FITS),
                new Case("JSON mode", "default", with(body("mm", user("Give me a JSON list")), "{\"response_format\": {\"type\": \"json_object\"}}"),
                        SECONDARY_THEN_PRIMARY, FITS),
                new Case("streaming", "default", with(body("mm", user("Stream a haiku")), "{\"stream\": true}"), SECONDARY_THEN_PRIMARY, FITS),
                new Case("assistant tool call and tool result", "default", toolConversation(), SECONDARY_THEN_PRIMARY, FITS),
                new Case("long prompt exactly at the secondary limit", "default", body("mm", user(tokens(1737))), SECONDARY_THEN_PRIMARY, FITS),
                new Case("one token over the secondary limit", "default", body("mm", user(tokens(1738))),
                        PRIMARY_ONLY, "multimodal: 1745 tokens exceed secondary context (2000-256) -> primary"),
                new Case("long system prompt pushes over", "default", body("mm", message("system", tokens(1800)), user("hi")),
                        PRIMARY_ONLY, "multimodal: 1812 tokens exceed secondary context (2000-256) -> primary"),
                new Case("small max_tokens lets a bigger prompt fit", "default",
                        with(body("mm", user(tokens(1893))), "{\"max_tokens\": 100}"), SECONDARY_THEN_PRIMARY, FITS),
                new Case("max_completion_tokens too big for the remaining window", "default",
                        with(body("mm", user(tokens(1893))), "{\"max_completion_tokens\": 101}"),
                        PRIMARY_ONLY, "multimodal: 1900 tokens exceed secondary context (2000-101) -> primary"),
                new Case("max_tokens above the secondary's max output", "default",
                        with(body("mm", user("Write an essay")), "{\"max_tokens\": 512}"),
                        PRIMARY_ONLY, "multimodal: max_tokens 512 exceeds secondary max output 256 -> primary"),
                new Case("too long for both models: primary alone, the engine reports it", "default", body("mm", user(tokens(7000))),
                        PRIMARY_ONLY, "multimodal: 7007 tokens exceed secondary context (2000-256) -> primary"),
                new Case("max_tokens within both models' limits", "default",
                        with(body("mm", user(tokens(100))), "{\"max_tokens\": 200}"), SECONDARY_THEN_PRIMARY, FITS),
                new Case("image and an overflowing prompt: the image is the reason", "default",
                        body("mm", user(text(tokens(3000)), image(PNG_DATA_URL))), PRIMARY_ONLY, "multimodal: image in messages[0] -> primary"),
                new Case("vision secondary follows the primary for a small image", "vision-secondary",
                        body("mm", user(text("What is this?"), image(PNG_DATA_URL))),
                        List.of(PRIMARY, VISION_SECONDARY), "multimodal: image in messages[0] -> primary"),
                new Case("vision secondary too small for image plus text", "vision-secondary",
                        body("mm", user(text(tokens(1000)), image(PNG_DATA_URL))), PRIMARY_ONLY, "multimodal: image in messages[0] -> primary"),
                new Case("vision secondary serves text", "vision-secondary", body("mm", user("Hello")),
                        List.of(VISION_SECONDARY, PRIMARY), FITS),
                new Case("smaller reserve lets a bigger prompt fit", "reserve-100", body("mm", user(tokens(1893))), SECONDARY_THEN_PRIMARY, FITS),
                new Case("smaller reserve, one token over", "reserve-100", body("mm", user(tokens(1894))),
                        PRIMARY_ONLY, "multimodal: 1901 tokens exceed secondary context (2000-100) -> primary"));
    }

    static String toolConversation() {
        return """
                {"model": "mm", "messages": [
                  {"role": "user", "content": "What's the weather in Paris?"},
                  {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "18C, cloudy"}],
                 "tools": [{"type": "function", "function": {"name": "weather", "parameters": {"type": "object"}}}]}
                """;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routesEachPrompt(Case c) {
        RoutingDecision decision = ROUTERS.get(c.router()).route(routing(c.body(), CATALOG));

        assertEquals(c.models(), decision.models(), "models");
        assertEquals(c.reason(), decision.reason(), "reason");
        assertEquals(decision.primary().equals(PRIMARY) ? "primary" : "secondary", decision.labels().get("choice"), "choice label");
    }
}
