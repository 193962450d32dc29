package dev.switchboard.tests.routers;

import static dev.switchboard.tests.routers.ComplexityRouteTest.models;
import static dev.switchboard.tests.routers.RouterFixture.chat;
import static dev.switchboard.tests.routers.RouterFixture.chatWithImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code multimodal} router over HTTP: images and oversized prompts go to the vision primary. */
class MultimodalRouteTest extends RouteTestBase {
    @Test
    void imageDataUrlGoesToThePrimary() throws Exception {
        RouterFixture.Served s = fx.complete(chatWithImage("vision-auto", "What is in this picture?"));
        assertEquals("vision", s.header("x-switchboard-model"));
        assertEquals("vision-auto", s.header("x-switchboard-route"));
        assertEquals("multimodal: multimodal: image in messages[0] -> primary", s.header("x-switchboard-reason"));
        assertEquals("up-vision", s.upstreamModel());
        Object content = fx.fake.last("up-vision").body().getJsonArray("messages").getJsonObject(0).getValue("content");
        assertTrue(String.valueOf(content).contains(RouterFixture.PNG_DATA_URL), "the image reaches the upstream: " + content);
    }

    @Test
    void textThatFitsGoesToTheSecondary() throws Exception {
        RouterFixture.Served s = fx.complete(chat("vision-auto", "Summarise the plot of Hamlet in two lines"));
        assertEquals("cheap-text", s.header("x-switchboard-model"));
        assertEquals("multimodal: multimodal: text only, fits secondary", s.header("x-switchboard-reason"));
        assertEquals("up-cheap", s.upstreamModel());
    }

    @Test
    void textTooLongForTheSecondaryGoesToThePrimary() throws Exception {
        // ~4000 words: more than the secondary's 4096-token window minus the 1024 reserved for output
        RouterFixture.Served s = fx.complete(chat("vision-auto", RouterFixture.prose(4000)));
        assertEquals("vision", s.header("x-switchboard-model"));
        String reason = s.header("x-switchboard-reason");
        assertTrue(reason.matches("multimodal: multimodal: \\d+ tokens exceed secondary context \\(4096-1024\\) -> primary"), reason);
        assertEquals("up-vision", s.upstreamModel());
    }

    @Test
    void explanationShowsTriggerAndImageFeatures() throws Exception {
        JsonObject plan = fx.explain(chatWithImage("vision-auto", "What is in this picture?"));
        assertEquals("multimodal", plan.getString("router"));
        assertEquals("primary", plan.getJsonObject("labels").getString("choice"));
        assertEquals("image", plan.getJsonObject("labels").getString("trigger"));
        assertEquals(List.of("vision"), models(plan.getJsonArray("candidates")), "the text-only secondary is no fallback for images");
        JsonObject features = plan.getJsonObject("features");
        assertEquals(true, features.getBoolean("has_images"));
        assertEquals(1, features.getInteger("image_count"));
        assertTrue(features.getInteger("estimated_input_tokens") > 765, features.encode());
    }
}
