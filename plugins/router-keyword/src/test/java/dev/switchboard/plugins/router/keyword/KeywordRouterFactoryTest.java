package dev.switchboard.plugins.router.keyword;

import static dev.switchboard.plugins.router.keyword.Fixtures.request;
import static dev.switchboard.plugins.router.keyword.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeywordRouterFactoryTest {
    private final KeywordRouterFactory factory = new KeywordRouterFactory();

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                bad("{}", "categories", "is required"),
                bad("{\"categories\": [\"code\"]}", "categories", "must be an object"),
                bad("{\"categories\": {}}", "categories", "at least one category"),
                bad("{\"categories\": {\"code\": \"gpt-4o\"}}", "categories.code", "must be an object"),
                bad("{\"categories\": {\"code\": {}}}", "categories.code.models", "is required"),
                bad("{\"categories\": {\"code\": {\"models\": []}}}", "categories.code.models", "at least one model"),
                bad("{\"categories\": {\"code\": {\"models\": \"gpt-4o\"}}}", "categories.code.models", "must be a list"),
                bad("{\"categories\": {\"code\": {\"models\": [\"gpt-4o\", \"gpt-5\"]}}}", "categories.code.models[1]",
                        "unknown model 'gpt-5'; known models: gpt-4o-mini, gpt-4o"),
                bad("{\"categories\": {\"code\": {\"models\": [\"task\"]}}}", "categories.code.models[0]", "itself"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\", \"o3\"]}}}", "categories.code.models[1]", "twice"),
                bad("{\"categories\": {\"code\": {\"models\": [42]}}}", "categories.code.models[0]", "non-empty string"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"], \"keywords\": \"python\"}}}",
                        "categories.code.keywords", "must be a list"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"], \"keywords\": [\"python\", 3]}}}",
                        "categories.code.keywords[1]", "got integer 3"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"], \"patterns\": [\"ok\", \"([a-z\"]}}}",
                        "categories.code.patterns[1]", "not a valid Java regular expression"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"], \"keyword\": [\"x\"]}}}",
                        "categories.code.keyword", "unknown option 'keyword'; allowed here: keywords, patterns, models"),
                bad("{\"categorys\": {}}", "categorys", "unknown option"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"]}}, \"default-category\": \"chat\"}",
                        "default-category", "configured categories: code"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"]}}, \"default-category\": [1]}",
                        "default-category", "must be a string, got a list [1]"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"]}}, \"short-message-words\": \"four\"}",
                        "short-message-words", "whole number"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"]}}, \"short-message-words\": -1}",
                        "short-message-words", "at least 0"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"]}}, \"short-message-words\": 2.5}",
                        "short-message-words", "whole number"),
                bad("{\"categories\": {\"code\": {\"models\": [\"o3\"]}, \"misc\": {\"models\": [\"o3\"]}}}",
                        "categories.misc", "can never be chosen"));
    }

    private static Arguments bad(String options, String path, String message) {
        return Arguments.of(options, path, message);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidOptions")
    void rejectsInvalidOptions(String options, String path, String message) {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> factory.create(OptionValidator.validate(factory.options(), new JsonObject(options)), Fixtures.CONTEXT));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void acceptsRouteNamesAndMinimalConfig() {
        Router router = factory.create(new JsonObject("{\"categories\": {\"code\": {\"models\": [\"cheapest\", \"o3\"]}}}"),
                Fixtures.CONTEXT);
        // one category: it is also the default
        assertEquals(List.of("cheapest", "o3"), router.route(request(user("tell me a story about the sea"))).models());
    }

    @Test
    void keywordsReplaceTheBuiltInList() {
        Router router = factory.create(new JsonObject("""
                {"categories": {"code": {"keywords": ["kotlin"], "models": ["deepseek-coder"]},
                                "conversation": {"models": ["gpt-4o-mini"]}}}
                """), Fixtures.CONTEXT);
        assertEquals("conversation", router.route(request(user("debug my python code for me"))).labels().get("category"));
        assertEquals("code", router.route(request(user("port my app to Kotlin today"))).labels().get("category"));
    }

    @Test
    void describesItsOptions() {
        assertEquals("keyword", factory.id());
        assertEquals(List.of("categories", "default-category", "short-message-words"),
                factory.options().stream().map(OptionSpec::name).toList());
        assertTrue(factory.options().get(0).required());
    }

    @Test
    void isFoundByServiceLoader() {
        List<String> ids = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.routerFactories().stream()).map(RouterFactory::id).toList();
        assertTrue(ids.contains("keyword"), ids.toString());
    }
}
