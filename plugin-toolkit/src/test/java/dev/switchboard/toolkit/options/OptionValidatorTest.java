package dev.switchboard.toolkit.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.OptionType;
import dev.switchboard.spi.PluginConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptionValidatorTest {
    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.string("mode", "how to pick").withAllowed("fast", "exact").withDefault("fast"),
            OptionSpec.integer("fallbacks", "how many follow").withDefault(2).atLeast(0).atMost(10),
            OptionSpec.number("max-price", "a cap").atLeast(0),
            OptionSpec.bool("exclude-free", "skip free models").withDefault(true),
            OptionSpec.strings("models", "a chain"),
            OptionSpec.object("targets", "weights"),
            OptionSpec.string("primary", "a model").asRequired(),
            OptionSpec.optional("legacy", "untyped"));

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{}", "primary", "is required: a model"),
                Arguments.of("{\"primary\": \"  \"}", "primary", "is required"),
                Arguments.of("{\"primary\": \"a\", \"mdoe\": \"fast\"}", "mdoe", "unknown option 'mdoe' (known: mode, fallbacks,"),
                Arguments.of("{\"primary\": \"a\", \"mode\": \"slow\"}", "mode", "must be one of fast, exact, got 'slow'"),
                Arguments.of("{\"primary\": \"a\", \"mode\": [\"fast\"]}", "mode", "must be a string, got a list [\"fast\"]"),
                Arguments.of("{\"primary\": \"a\", \"fallbacks\": 1.5}", "fallbacks", "must be a whole number, got double 1.5"),
                Arguments.of("{\"primary\": \"a\", \"fallbacks\": \"many\"}", "fallbacks", "must be a whole number, got 'many'"),
                Arguments.of("{\"primary\": \"a\", \"fallbacks\": -1}", "fallbacks", "must be at least 0, got -1"),
                Arguments.of("{\"primary\": \"a\", \"fallbacks\": 11}", "fallbacks", "must be at most 10, got 11"),
                Arguments.of("{\"primary\": \"a\", \"max-price\": -0.5}", "max-price", "must be at least 0, got -0.5"),
                Arguments.of("{\"primary\": \"a\", \"exclude-free\": \"yes\"}", "exclude-free", "must be true or false, got 'yes'"),
                Arguments.of("{\"primary\": \"a\", \"models\": \"gpt-4o\"}", "models", "must be a list of strings, got the string 'gpt-4o'"),
                Arguments.of("{\"primary\": \"a\", \"models\": [\"gpt-4o\", 3]}", "models[1]", "must be a non-empty string, got integer 3"),
                Arguments.of("{\"primary\": \"a\", \"targets\": [1]}", "targets", "must be an object, got a list [1]"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalid")
    void rejectsNamingTheOption(String options, String path, String message) {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> OptionValidator.validate(SPECS, new JsonObject(options)));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        OptionValidator.Checked checked = OptionValidator.check(SPECS, new JsonObject("{\"fallbacks\": -1, \"x\": 1}"));
        assertEquals(List.of("x", "fallbacks", "primary"), checked.problems().stream().map(PluginConfigException::path).toList());
    }

    @Test
    void convertsInterpolatedTextAndFillsDefaults() {
        JsonObject out = OptionValidator.validate(SPECS, new JsonObject()
                .put("primary", "a").put("fallbacks", "3").put("max-price", "2.5").put("exclude-free", "FALSE")
                .put("mode", "").put("legacy", new JsonArray().add(1)));
        assertEquals(new JsonObject().put("primary", "a").put("fallbacks", 3).put("max-price", 2.5).put("exclude-free", false)
                .put("mode", "fast").put("legacy", new JsonArray().add(1)), out);
    }

    @Test
    void untypedSpecsFromTheStaticHelpersStillWork() {
        OptionSpec spec = OptionSpec.secret("api-key", "a key");
        assertEquals(OptionType.ANY, spec.type());
        assertTrue(spec.secret());
        assertEquals(new OptionSpec("k", true, false, "d"), OptionSpec.required("k", "d"));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.integer("n", "d").withDefault(1).asRequired());
    }
}
