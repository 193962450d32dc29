package dev.switchboard.tests.routers;

import static dev.switchboard.tests.routers.ComplexityRouteTest.models;
import static dev.switchboard.tests.routers.RouterFixture.chat;
import static dev.switchboard.tests.routers.RouterFixture.chatWithImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code cost-floor} router over HTTP: the cheapest capable priced, non-free model serves. */
class CostFloorRouteTest extends RouteTestBase {
    @Test
    void plainTextGoesToTheCheapestPricedModelNotTheFreeOne() throws Exception {
        RouterFixture.Served s = fx.complete(chat("cheapest", "Name three colours of the rainbow"));
        assertEquals("cheap-text", s.header("x-switchboard-model"));
        assertEquals("cheapest", s.header("x-switchboard-route"));
        String reason = s.header("x-switchboard-reason");
        // a real call skips the token count when the ranking cannot change: the reason gives the upper bound
        assertTrue(reason.startsWith("cost-floor: cost-floor cheapest=cheap-text est<=$"), reason);
        assertTrue(reason.endsWith(" of 4 capable; 1 unpriced skipped"), reason);
        assertEquals("up-cheap", s.upstreamModel());
        // the explanation counts, and shows the exact estimate for the same request
        JsonObject plan = fx.explain(chat("cheapest", "Name three colours of the rainbow"));
        assertTrue(plan.getString("reason").startsWith("cost-floor: cost-floor cheapest=cheap-text est=$"), plan.getString("reason"));
        double upper = Double.parseDouble(reason.substring(reason.indexOf("est<=$") + 6, reason.indexOf(" of ")));
        assertTrue(upper >= Double.parseDouble(plan.getJsonObject("labels").getString("estimated-cost")), reason);
    }

    @Test
    void imagesGoToTheCheapestVisionModel() throws Exception {
        RouterFixture.Served s = fx.complete(chatWithImage("cheapest", "What is in this picture?"));
        assertEquals("vision", s.header("x-switchboard-model"));
        String reason = s.header("x-switchboard-reason");
        assertTrue(reason.contains("cheapest=vision") && reason.contains("of 2 capable (needs vision)"), reason);
        assertEquals("up-vision", s.upstreamModel());
    }

    @Test
    void toolsGoToTheCheapestToolsModel() throws Exception {
        JsonObject req = chat("cheapest", "What will the weather be in Paris").put("tools", RouterFixture.weatherTool());
        RouterFixture.Served s = fx.complete(req);
        assertEquals("mid-text", s.header("x-switchboard-model"));
        assertTrue(s.header("x-switchboard-reason").contains("(needs tools)"), s.header("x-switchboard-reason"));
        assertEquals("up-mid", s.upstreamModel());
    }

    @Test
    void promptTooLongForTheCheapestSkipsIt() throws Exception {
        RouterFixture.Served s = fx.complete(chat("cheapest", RouterFixture.prose(4000)));
        assertEquals("mid-text", s.header("x-switchboard-model"));
        assertEquals("up-mid", s.upstreamModel());
    }

    @Test
    void explanationEstimatesEachCandidatesCost() throws Exception {
        JsonObject plan = fx.explain(chatWithImage("cheapest", "What is in this picture?"));
        assertEquals("cost-floor", plan.getString("router"));
        assertEquals(List.of("vision", "strong"), models(plan.getJsonArray("candidates")));
        int in = plan.getJsonObject("features").getInteger("estimated_input_tokens");
        // no max_tokens: the explanation assumes min(max-output-tokens, 512) output tokens
        double visionCost = (in * 2.5 + 512 * 10.0) / 1e6;
        double strongCost = (in * 10.0 + 512 * 40.0) / 1e6;
        assertEquals(visionCost, plan.getJsonArray("candidates").getJsonObject(0).getDouble("estimated_cost_usd"), 1e-12);
        assertEquals(strongCost, plan.getJsonArray("candidates").getJsonObject(1).getDouble("estimated_cost_usd"), 1e-12);
        String label = plan.getJsonObject("labels").getString("estimated-cost");
        assertEquals(visionCost, Double.parseDouble(label), visionCost * 0.01, "label has three significant digits: " + label);
    }
}
