package dev.switchboard.plugins.router.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.Plugin;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.RouterFactory;
import dev.switchboard.spi.routing.RouterContext;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Option validation, option metadata and plugin registration. */
class MultimodalRouterFactoryTest {

    private static final RouterContext CONTEXT = new RouterContext("mm", MultimodalRouterTest.CATALOG, Set.of("mm"));

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                Arguments.of("{}", "primary", "is required"),
                Arguments.of("{\"primary\": \"vision-pro\"}", "secondary", "is required"),
                Arguments.of("{\"primary\": \"gpt-5\", \"secondary\": \"text-lite\"}", "primary",
                        "unknown model 'gpt-5' (known: vision-pro, text-lite, vision-lite, plain)"),
                Arguments.of("{\"primary\": \"vision-pro\", \"secondary\": \"nope\"}", "secondary", "unknown model 'nope'"),
                Arguments.of("{\"primary\": 5, \"secondary\": \"text-lite\"}", "primary", "unknown model '5'"),
                Arguments.of("{\"primary\": \"\", \"secondary\": \"text-lite\"}", "primary", "is required"),
                Arguments.of("{\"primary\": \"mm\", \"secondary\": \"text-lite\"}", "primary", "unknown model 'mm'"),
                Arguments.of("{\"primary\": \"vision-pro\", \"secondary\": \"vision-pro\"}", "secondary", "must differ from primary"),
                Arguments.of("{\"primary\": \"text-lite\", \"secondary\": \"plain\"}", "primary",
                        "lacks the vision capability, so image requests routed to it would fail; choose a vision model "
                                + "(vision models: vision-pro, vision-lite) or add vision to models.text-lite.capabilities"),
                Arguments.of("{\"primary\": \"vision-pro\", \"secondary\": \"text-lite\", \"reserve-output-tokens\": 0}",
                        "reserve-output-tokens", "must be at least 1, got 0"),
                Arguments.of("{\"primary\": \"vision-pro\", \"secondary\": \"text-lite\", \"reserve-output-tokens\": 1.5}",
                        "reserve-output-tokens", "must be a whole number, got double 1.5"),
                Arguments.of("{\"primary\": \"vision-pro\", \"secondary\": \"text-lite\", \"reserve-output-tokens\": \"lots\"}",
                        "reserve-output-tokens", "must be a whole number, got 'lots'"),
                Arguments.of("{\"primary\": \"vision-pro\", \"secondary\": \"text-lite\", \"reserve_output_tokens\": 10}",
                        "reserve_output_tokens", "unknown option 'reserve_output_tokens' (known: primary, secondary, reserve-output-tokens)"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidOptions")
    void rejectsInvalidOptions(String options, String path, String message) {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new MultimodalRouterFactory().create(OptionValidator.validate(new MultimodalRouterFactory().options(), new JsonObject(options)), CONTEXT));

        assertEquals(path, e.path());
        assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
    }

    @Test
    void acceptsReserveFromAnEnvironmentString() {
        MultimodalRouterFactory factory = new MultimodalRouterFactory();
        factory.create(OptionValidator.validate(factory.options(), new JsonObject(
                "{\"primary\": \"vision-pro\", \"secondary\": \"text-lite\", \"reserve-output-tokens\": \"512\"}")), CONTEXT);
    }

    @Test
    void describesItsOptions() {
        RouterFactory factory = new MultimodalRouterFactory();

        assertEquals("multimodal", factory.id());
        assertEquals(List.of("primary", "secondary", "reserve-output-tokens"), factory.options().stream().map(OptionSpec::name).toList());
        assertEquals(List.of(true, true, false), factory.options().stream().map(OptionSpec::required).toList());
    }

    @Test
    void registeredForServiceLoader() {
        List<String> ids = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.routerFactories().stream()).map(RouterFactory::id).toList();

        assertTrue(ids.contains("multimodal"), () -> "found " + ids);
    }
}
