package com.example.switchboard;

import static dev.switchboard.testkit.Messages.system;
import static dev.switchboard.testkit.Messages.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.testkit.FakeCatalog;
import dev.switchboard.testkit.Requests;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongestPromptRouterTest {
    private static final Map<String, ModelDescriptor> CATALOG = FakeCatalog.of("big", "small");

    /** As the engine does: the options checked against the factory's specs (the toolkit's OptionValidator), then create. */
    private static Router router(String options) {
        LongestPromptRouterFactory factory = new LongestPromptRouterFactory();
        return factory.create(OptionValidator.validate(factory.options(), new JsonObject(options)), FakeCatalog.context("sized", CATALOG));
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
                () -> router("{\"long-model\": \"big\", \"short-model\": \"small\", \"threshold-words\": -1}"));
        assertEquals("threshold-words", threshold.path());
        assertEquals(List.of("small", "big"), route(router("{\"long-model\": \"big\", \"short-model\": \"small\"}"),
                "ten words or fewer stay short by default here").models());
    }
}
