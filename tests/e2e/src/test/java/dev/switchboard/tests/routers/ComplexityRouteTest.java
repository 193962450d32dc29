package dev.switchboard.tests.routers;

import static dev.switchboard.tests.routers.RouterFixture.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code complexity} router over HTTP: each tier lands on its model. */
class ComplexityRouteTest extends RouteTestBase {
    @Test
    void simplePromptIsBudget() throws Exception {
        RouterFixture.Served s = fx.complete(chat("tiers", "tell me a short story about cats"));
        assertEquals("cheap-text", s.header("x-switchboard-model"));
        assertEquals("tiers", s.header("x-switchboard-route"));
        assertEquals("complexity: complexity tier=budget signals=simple(7 words)", s.header("x-switchboard-reason"));
        assertEquals("up-cheap", s.upstreamModel());
    }

    @Test
    void mediumLengthIsMid() throws Exception {
        RouterFixture.Served s = fx.complete(chat("tiers", RouterFixture.prose(150)));
        assertEquals("mid-text", s.header("x-switchboard-model"));
        assertEquals("complexity: complexity tier=mid signals=medium(150 words)", s.header("x-switchboard-reason"));
        assertEquals("up-mid", s.upstreamModel());
    }

    @Test
    void codeIsStandard() throws Exception {
        RouterFixture.Served s = fx.complete(chat("tiers", "write a function that adds two numbers"));
        assertEquals("vision", s.header("x-switchboard-model"));
        String reason = s.header("x-switchboard-reason");
        assertTrue(reason.startsWith("complexity: complexity tier=standard signals=code("), reason);
        assertEquals("up-vision", s.upstreamModel());
    }

    @Test
    void mathIsPremium() throws Exception {
        RouterFixture.Served s = fx.complete(chat("tiers", "derive the formula for the area of a circle"));
        assertEquals("strong", s.header("x-switchboard-model"));
        String reason = s.header("x-switchboard-reason");
        assertTrue(reason.startsWith("complexity: complexity tier=premium signals=math(derive)"), reason);
        assertEquals("up-strong", s.upstreamModel());
    }

    @Test
    void explanationListsTheTierAndStrongerTiersAsFallbacks() throws Exception {
        JsonObject plan = fx.explain(chat("tiers", "tell me a short story about cats"));
        assertEquals("complexity", plan.getString("router"));
        assertEquals("budget", plan.getJsonObject("labels").getString("tier"));
        assertEquals(List.of("cheap-text", "mid-text", "vision", "strong"), models(plan.getJsonArray("candidates")));
        int tokens = plan.getJsonObject("features").getInteger("estimated_input_tokens");
        assertTrue(tokens > 7 && tokens < 30, "estimated input tokens " + tokens);
    }

    static List<String> models(JsonArray entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(o -> out.add(((JsonObject) o).getString("model")));
        return out;
    }
}
