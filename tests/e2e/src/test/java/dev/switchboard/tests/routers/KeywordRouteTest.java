package dev.switchboard.tests.routers;

import static dev.switchboard.tests.routers.RouterFixture.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The {@code keyword} router over HTTP: each category lands on its chain's head. */
class KeywordRouteTest extends RouteTestBase {
    @Test
    void codeKeywordsGoToTheCodeChain() throws Exception {
        RouterFixture.Served s = fx.complete(chat("task", "My python script throws an exception, please help me debug it"));
        assertEquals("mid-text", s.header("x-switchboard-model"));
        assertEquals("task", s.header("x-switchboard-route"));
        String reason = s.header("x-switchboard-reason");
        assertTrue(reason.startsWith("keyword: keyword category=code matched="), reason);
        for (String kw : new String[] {"python", "script", "exception", "debug"}) {
            assertTrue(reason.contains(kw), kw + " in " + reason);
        }
        assertEquals("up-mid", s.upstreamModel());
    }

    @Test
    void reasoningKeywordsGoToTheStrongModel() throws Exception {
        RouterFixture.Served s = fx.complete(chat("task", "Please explain the trade-off between both plans step by step"));
        assertEquals("strong", s.header("x-switchboard-model"));
        String reason = s.header("x-switchboard-reason");
        assertTrue(reason.contains("category=reasoning") && reason.contains("explain") && reason.contains("step by step"), reason);
        assertEquals("up-strong", s.upstreamModel());
    }

    @Test
    void customCategoryWithItsOwnKeywords() throws Exception {
        RouterFixture.Served s = fx.complete(chat("task", "Could you translate this short letter into plain English"));
        assertEquals("vision", s.header("x-switchboard-model"));
        assertTrue(s.header("x-switchboard-reason").contains("category=translation matched=translate"), s.header("x-switchboard-reason"));
        assertEquals("up-vision", s.upstreamModel());
    }

    @Test
    void shortMessageIsConversation() throws Exception {
        RouterFixture.Served s = fx.complete(chat("task", "debug python"));
        assertEquals("cheap-text", s.header("x-switchboard-model"));
        assertTrue(s.header("x-switchboard-reason").contains("category=conversation short message (2 words)"),
                s.header("x-switchboard-reason"));
        assertEquals("up-cheap", s.upstreamModel());
    }

    @Test
    void toolsGoToTheToolsChain() throws Exception {
        JsonObject req = chat("task", "What will the weather be like in Paris tomorrow morning").put("tools", RouterFixture.weatherTool());
        RouterFixture.Served s = fx.complete(req);
        assertEquals("mid-text", s.header("x-switchboard-model"));
        assertTrue(s.header("x-switchboard-reason").contains("category=tools"), s.header("x-switchboard-reason"));
        assertEquals("up-mid", s.upstreamModel());
    }

    @Test
    void noKeywordFallsBackToTheDefaultCategory() throws Exception {
        RouterFixture.Served s = fx.complete(chat("task", RouterFixture.prose(12)));
        assertEquals("cheap-text", s.header("x-switchboard-model"));
        assertTrue(s.header("x-switchboard-reason").contains("category=conversation default"), s.header("x-switchboard-reason"));
        assertEquals("up-cheap", s.upstreamModel());
    }

    @Test
    void explanationCarriesTheCategoryLabelAndChain() throws Exception {
        JsonObject plan = fx.explain(chat("task", "My python script throws an exception, please help me debug it"));
        assertEquals("task", plan.getString("route"));
        assertEquals("keyword", plan.getString("router"));
        assertEquals("mid-text", plan.getString("model"));
        assertEquals("code", plan.getJsonObject("labels").getString("category"));
        assertEquals("mid-text", plan.getJsonArray("candidates").getJsonObject(0).getString("model"));
        assertEquals("strong", plan.getJsonArray("candidates").getJsonObject(1).getString("model"));
        assertTrue(plan.getJsonArray("rejected").isEmpty());
    }
}
