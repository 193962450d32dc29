package dev.switchboard.plugins.router.llmclassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.routing.AsyncRouter;
import dev.switchboard.testkit.FakeCatalog;
import dev.switchboard.testkit.Messages;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Options: what a good route builds, and every bad option named by its key path. */
class LlmClassifierRouterFactoryTest {
    private static final LlmClassifierRouterFactory FACTORY = new LlmClassifierRouterFactory();
    private static final String CATS = "\"categories\": {\"code\": {\"models\": [\"coder\"]}, \"general\": {\"models\": [\"chatty\"]}}";

    /** As the engine creates a route: its generic option check first (unknown keys, types, ranges), then the factory. */
    private static PluginConfigException invalid(String json) {
        return assertThrows(PluginConfigException.class, () -> FACTORY.create(
                OptionValidator.validate(FACTORY.options(), new JsonObject(json)),
                FakeCatalog.context("smart", LlmClassifierRouterTest.CATALOG, "cheap")));
    }

    @Test
    void isAnAsynchronousNonBlockingRouter() {
        assertEquals("llm-classifier", FACTORY.id());
        assertFalse(FACTORY.blocking());
        assertInstanceOf(AsyncRouter.class, LlmClassifierRouterTest.router(LlmClassifierRouterTest.OPTIONS));
    }

    @Test
    void aRouteMayClassifyAndTheDefaultCategoryIsChosen() {
        FakeRoutingServices services = FakeRoutingServices.answering("x");
        AsyncRouter viaRoute = (AsyncRouter) FACTORY.create(new JsonObject("{\"classifier\": \"cheap\", \"default-category\":"
                + " \"code\", " + CATS + "}"), FakeCatalog.context("smart", LlmClassifierRouterTest.CATALOG, "cheap"));
        assertEquals("code", viaRoute.routeAsync(LlmClassifierRouterTest.ask(Messages.user("")), services).result()
                .labels().get("category"));
        assertEquals(0, services.calls.size());
        assertTrue(FACTORY.options().stream().anyMatch(o -> o.name().equals("classifier") && o.required()));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "{CATS}                                                         | classifier         | is required",
            "{\"classifier\": \"nope\", CATS}                               | classifier         | unknown model 'nope'",
            "{\"classifier\": \"smart\", CATS}                              | classifier         | cannot classify its own",
            "{\"classifier\": 7, CATS}                                      | classifier         | ''",
            "{\"classifier\": \"local-llama\"}                              | categories         | is required",
            "{\"classifier\": \"local-llama\", \"categories\": {\"code\": {\"models\": [\"coder\"]}}} | categories | at least two",
            "{\"classifier\": \"local-llama\", \"categories\": {\"code\": {\"models\": [\"coder\"]}, \"CODE\": {\"models\": [\"coder\"]}}} | categories.CODE | duplicates category 'code'",
            "{\"classifier\": \"local-llama\", \"categories\": {\"a b\": {\"models\": [\"coder\"]}, \"c\": {\"models\": [\"coder\"]}}} | categories.a b | not a usable category name",
            "{\"classifier\": \"local-llama\", \"categories\": {\"code\": {}, \"general\": {\"models\": [\"chatty\"]}}} | categories.code.models | is required",
            "{\"classifier\": \"local-llama\", \"categories\": {\"code\": {\"models\": [\"nope\"]}, \"general\": {\"models\": [\"chatty\"]}}} | categories.code.models[0] | unknown model 'nope'",
            "{\"classifier\": \"local-llama\", \"categories\": {\"code\": {\"models\": [\"coder\"], \"examples\": []}, \"general\": {\"models\": [\"chatty\"]}}} | categories.code.examples | unknown option",
            "{\"classifier\": \"local-llama\", \"default-category\": \"poetry\", CATS} | default-category | names 'poetry', which is not configured",
            "{\"classifier\": \"local-llama\", \"cache-ttl-ms\": -1, CATS}  | cache-ttl-ms       | at least 0",
            "{\"classifier\": \"local-llama\", \"max-chars\": 3, CATS}      | max-chars          | at least 16",
            "{\"classifier\": \"local-llama\", \"history-turns\": 1.5, CATS} | history-turns     | whole number",
            "{\"classifier\": \"local-llama\", \"clasifier\": \"x\", CATS}  | clasifier          | unknown option"})
    void badOptionsNameTheirKeyPath(String json, String path, String message) {
        PluginConfigException e = invalid(json.replace("CATS", CATS));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
