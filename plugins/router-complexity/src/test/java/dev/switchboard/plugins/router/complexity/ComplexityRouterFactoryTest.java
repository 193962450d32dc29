package dev.switchboard.plugins.router.complexity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComplexityRouterFactoryTest {
    private static final String TIERS = "\"tiers\": {\"budget\": [\"gpt-4o-mini\"], \"premium\": [\"o3\"]}";
    private final ComplexityRouterFactory factory = new ComplexityRouterFactory();

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                bad("{}", "tiers", "is required"),
                bad("{\"tiers\": [\"gpt-4o\"]}", "tiers", "must be an object"),
                bad("{\"tiers\": {}}", "tiers", "at least one tier"),
                bad("{\"tiers\": {\"premium\": [\"o3\"], \"budget\": [\"gpt-4o-mini\"]}}", "tiers.budget", "cheapest first"),
                bad("{\"tiers\": {\"budget\": []}}", "tiers.budget", "at least one model"),
                bad("{\"tiers\": {\"budget\": \"gpt-4o-mini\"}}", "tiers.budget", "must be a list"),
                bad("{\"tiers\": {\"budget\": [\"gpt-5\"]}}", "tiers.budget[0]", "unknown model 'gpt-5'; known models: gpt-4o-mini"),
                bad("{\"tiers\": {\"budget\": [\"auto\"]}}", "tiers.budget[0]", "itself"),
                bad("{" + TIERS + ", \"math-markers\": \"derive\"}", "math-markers", "must be a list"),
                bad("{" + TIERS + ", \"code-markers\": [\"```\", \"\"]}", "code-markers[1]", "non-empty string"),
                bad("{" + TIERS + ", \"reasoning-markers\": [true]}", "reasoning-markers[0]", "got boolean true"),
                bad("{" + TIERS + ", \"long-words\": \"many\"}", "long-words", "whole number"),
                bad("{" + TIERS + ", \"long-words\": -5}", "long-words", "at least 0"),
                bad("{" + TIERS + ", \"medium-words\": 600}", "medium-words", "must not exceed long-words"),
                bad("{" + TIERS + ", \"tier-for\": [\"premium\"]}", "tier-for", "must be an object"),
                bad("{" + TIERS + ", \"tier-for\": {\"hard\": \"premium\"}}", "tier-for.hard", "allowed here: math,"),
                bad("{" + TIERS + ", \"tier-for\": {\"code\": \"gold\"}}", "tier-for.code", "neither configured"),
                bad("{\"tiers\": {\"cheap\": [\"gpt-4o-mini\"]}}", "tier-for.math", "only custom names"),
                bad("{" + TIERS + ", \"fallback-to-stronger\": \"yes\"}", "fallback-to-stronger", "true or false"),
                bad("{" + TIERS + ", \"tier\": {}}", "tier", "unknown option 'tier'"));
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
    void acceptsCustomTierNamesWithFullTierFor() {
        factory.create(new JsonObject("""
                {"tiers": {"cheap": ["gpt-4o-mini"], "smart": ["cheapest", "o3"]},
                 "tier-for": {"math": "smart", "reasoning-with-code": "smart", "code": "smart", "reasoning": "smart",
                              "long": "smart", "medium": "cheap", "simple": "cheap"}}
                """), Fixtures.CONTEXT);
    }

    @Test
    void describesItsOptions() {
        assertEquals("complexity", factory.id());
        assertEquals(List.of("tiers", "math-markers", "reasoning-markers", "code-markers", "long-words", "medium-words",
                "tier-for", "fallback-to-stronger"), factory.options().stream().map(OptionSpec::name).toList());
        assertTrue(factory.options().get(0).required());
    }

    @Test
    void isFoundByServiceLoader() {
        List<String> ids = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.routerFactories().stream()).map(RouterFactory::id).toList();
        assertTrue(ids.contains("complexity"), ids.toString());
    }
}
