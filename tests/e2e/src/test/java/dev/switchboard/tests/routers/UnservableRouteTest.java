package dev.switchboard.tests.routers;

import static dev.switchboard.tests.routers.RouterFixture.chatWithImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A route none of whose models can serve the request answers 400 naming what is missing, and calls no upstream. */
class UnservableRouteTest extends RouteTestBase {
    @Test
    void imagesToTextOnlyRouteAre400NamingVision() throws Exception {
        int before = fx.fake.received().size();
        HttpResponse<String> r = fx.node.post("/v1/chat/completions", chatWithImage("text-only", "What is in this picture?").encode());
        assertEquals(400, r.statusCode(), r.body());
        JsonObject err = new JsonObject(r.body()).getJsonObject("error");
        assertEquals("invalid_request_error", err.getString("type"));
        assertEquals("no_capable_model", err.getString("code"));
        String message = err.getString("message");
        assertTrue(message.contains("route 'text-only'") && message.contains("needs vision"), message);
        assertTrue(message.contains("cheap-text: no vision capability") && message.contains("mid-text: no vision capability"), message);
        assertEquals(before, fx.fake.received().size(), "no upstream call");
    }

    @Test
    void explanationOfAnUnservableRouteIsThe400Too() throws Exception {
        HttpResponse<String> r = fx.node.post("/v1/route", chatWithImage("text-only", "What is in this picture?").encode());
        assertEquals(400, r.statusCode(), r.body());
        JsonArray rejected = new JsonObject(r.body()).getJsonObject("error").getJsonArray("rejected");
        assertEquals(2, rejected.size(), r.body());
        assertEquals("no vision capability (request has images)", rejected.getJsonObject(0).getString("reason"));
    }

    @Test
    void explanationListsRejectedModelsWithReasons() throws Exception {
        // complexity's budget chain is every tier; the text-only ones are dropped for the image
        JsonObject plan = fx.explain(chatWithImage("tiers", "What is in this picture?"));
        assertEquals("budget", plan.getJsonObject("labels").getString("tier"));
        assertEquals("vision", plan.getString("model"));
        JsonArray rejected = plan.getJsonArray("rejected");
        assertEquals(2, rejected.size(), rejected.encode());
        assertEquals("cheap-text", rejected.getJsonObject(0).getString("model"));
        assertEquals("mid-text", rejected.getJsonObject(1).getString("model"));
        for (int i = 0; i < 2; i++) {
            assertEquals("no vision capability (request has images)", rejected.getJsonObject(i).getString("reason"));
            assertEquals("capability", rejected.getJsonObject(i).getString("kind"));
        }
        assertEquals(2, plan.getJsonArray("candidates").size());
    }
}
