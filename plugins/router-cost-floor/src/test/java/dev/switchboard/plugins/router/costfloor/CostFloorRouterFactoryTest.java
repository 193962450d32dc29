package dev.switchboard.plugins.router.costfloor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Option validation, option metadata and plugin registration. */
class CostFloorRouterFactoryTest {

    private static final RouterContext CONTEXT = new RouterContext("cheap", CostFloorRouterTest.CATALOG, Set.of("cheap"));

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                Arguments.of("{\"models\": \"mini\"}", "models", "must be a list of strings, got the string 'mini'"),
                Arguments.of("{\"models\": []}", "models", "must be a non-empty list"),
                Arguments.of("{\"models\": [\"mini\", \"gpt-9\"]}", "models[1]",
                        "unknown model 'gpt-9' (known: free, big, haiku, toolie, mini, ratio, nano, local)"),
                Arguments.of("{\"models\": [\"cheap\"]}", "models[0]", "unknown model 'cheap'"),
                Arguments.of("{\"models\": [\"mini\", 3]}", "models[1]", "must be a non-empty string, got integer 3"),
                Arguments.of("{\"models\": [\"mini\", \"mini\"]}", "models[1]", "'mini' is listed twice"),
                Arguments.of("{\"models\": [\"mini\", \"local\"]}", "models[1]",
                        "model 'local' has no input-price/output-price in the catalog, so its cost cannot be ranked"),
                Arguments.of("{\"models\": [\"free\"]}", "models",
                        "no candidate left: of 1 models, 0 have no price, 1 are free (exclude-free: true) and 0 exceed"),
                Arguments.of("{\"max-output-price\": 0.1}", "",
                        "no candidate left: of 8 models, 1 have no price, 1 are free (exclude-free: true) and 6 exceed "
                                + "max-input-price/max-output-price; add prices to the catalog or relax these options"),
                Arguments.of("{\"expected-output-tokens\": 0}", "expected-output-tokens", "must be at least 1, got 0"),
                Arguments.of("{\"expected-output-tokens\": \"many\"}", "expected-output-tokens", "must be a whole number, got 'many'"),
                Arguments.of("{\"fallbacks\": -1}", "fallbacks", "must be at least 0, got -1"),
                Arguments.of("{\"fallbacks\": 1.5}", "fallbacks", "must be a whole number, got double 1.5"),
                Arguments.of("{\"max-input-price\": -0.5}", "max-input-price", "must be at least 0, got -0.5"),
                Arguments.of("{\"max-output-price\": \"cheap\"}", "max-output-price", "must be a number, got 'cheap'"),
                Arguments.of("{\"exclude-free\": \"yes\"}", "exclude-free", "must be true or false, got 'yes'"),
                Arguments.of("{\"exclude_free\": false}", "exclude_free", "unknown option 'exclude_free' (known: models, "
                        + "expected-output-tokens, max-input-price, max-output-price, exclude-free, fallbacks)"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidOptions")
    void rejectsInvalidOptions(String options, String path, String message) {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new CostFloorRouterFactory().create(OptionValidator.validate(new CostFloorRouterFactory().options(), new JsonObject(options)), CONTEXT));

        assertEquals(path, e.path());
        assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
    }

    @Test
    void rejectsACatalogWithoutPrices() {
        Map<String, ModelDescriptor> unpriced = new LinkedHashMap<>();
        unpriced.put("llama", ModelDescriptor.of("llama", "ollama", 8000, 2000, Set.of()));

        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new CostFloorRouterFactory().create(new JsonObject(), new RouterContext("cheap", unpriced, Set.of())));

        assertEquals("", e.path());
        assertTrue(e.getMessage().startsWith("no candidate left: of 1 models, 1 have no price"), e::getMessage);
    }

    @Test
    void acceptsStringsFromEnvironmentInterpolation() {
        CostFloorRouterFactory factory = new CostFloorRouterFactory();
        factory.create(OptionValidator.validate(factory.options(), new JsonObject(
                "{\"exclude-free\": \"false\", \"fallbacks\": \"1\", \"max-input-price\": \"2.5\"}")), CONTEXT);
    }

    @Test
    void describesItsOptions() {
        RouterFactory factory = new CostFloorRouterFactory();

        assertEquals("cost-floor", factory.id());
        assertEquals(List.of("models", "expected-output-tokens", "max-input-price", "max-output-price", "exclude-free", "fallbacks"),
                factory.options().stream().map(OptionSpec::name).toList());
        assertTrue(factory.options().stream().noneMatch(OptionSpec::required));
    }

    @Test
    void registeredForServiceLoader() {
        List<String> ids = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.routerFactories().stream()).map(RouterFactory::id).toList();

        assertTrue(ids.contains("cost-floor"), () -> "found " + ids);
    }
}
