package com.example.switchboard;

import static dev.switchboard.testkit.Messages.system;
import static dev.switchboard.testkit.Messages.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.testkit.FakeCatalog;
import dev.switchboard.testkit.Requests;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongestPromptRouterTest {
    private static final Map<String, ModelDescriptor> CATALOG = FakeCatalog.of("big", "small");

    private static Router router(String options) {
        return new LongestPromptRouterFactory().create(new JsonObject(options), FakeCatalog.context("sized", CATALOG));
    }

    private static RoutingDecision route(Router router, String lastUserText) {
        return router.route(Requests.routing(Requests.body("sized", system("be brief"), user(lastUserText)), CATALOG));
    }

    @Test
    void longPromptsGoToTheLongModelWithTheShortOneAsFallback() {
        Router router = router("{\"long-model\": \"big\", \"short-model\": \"small\", \"threshold-words\": 3}");
        RoutingDecision longOne = route(router, "one two three four");
        assertEquals(List.of("big", "small"), longOne.models());
        assertEquals("sample 4 words", longOne.reason());
        assertEquals(List.of("small", "big"), route(router, "one two three").models());
        assertEquals(List.of("small", "big"), route(router, "   ").models(), "no words is short");
    }

    @Test
    void badOptionsNameTheirKey() {
        PluginConfigException model = assertThrows(PluginConfigException.class, () -> router("{\"long-model\": \"huge\", \"short-model\": \"small\"}"));
        assertEquals("long-model", model.path());
        PluginConfigException threshold = assertThrows(PluginConfigException.class,
                () -> router("{\"long-model\": \"big\", \"short-model\": \"small\", \"threshold-words\": \"3\"}"));
        assertTrue(threshold.getMessage().contains("whole number"), threshold.getMessage());
    }
}
