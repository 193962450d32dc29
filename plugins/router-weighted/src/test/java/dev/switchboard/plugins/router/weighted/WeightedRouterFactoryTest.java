package dev.switchboard.plugins.router.weighted;

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

/** Option validation, option metadata and plugin registration. */
class WeightedRouterFactoryTest {

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                Arguments.of("{}", "targets", "is required: catalog model ids or route names mapped to positive relative weights"),
                Arguments.of("{\"targets\": {}}", "targets", "must map catalog model ids or route names to weights, e.g. {gpt-4o: 90"),
                Arguments.of("{\"targets\": [\"gpt-4o\"]}", "targets", "must be an object, got a list [\"gpt-4o\"]"),
                Arguments.of("{\"targets\": {\"gpt-5\": 1}}", "targets.gpt-5",
                        "unknown model or route 'gpt-5' (known models: gpt-4o, gpt-4o-mini, claude-haiku, llama; routes: auto, cheapest)"),
                Arguments.of("{\"targets\": {\"ab\": 1, \"gpt-4o\": 1}}", "targets.ab", "route 'ab' cannot target itself"),
                Arguments.of("{\"targets\": {\"gpt-4o\": 0}}", "targets.gpt-4o", "must be a positive number (a relative weight), got 0"),
                Arguments.of("{\"targets\": {\"gpt-4o\": -3}}", "targets.gpt-4o", "must be a positive number (a relative weight), got -3"),
                Arguments.of("{\"targets\": {\"gpt-4o\": \"heavy\"}}", "targets.gpt-4o", "must be a positive number (a relative weight), got 'heavy'"),
                Arguments.of("{\"targets\": {\"gpt-4o\": null}}", "targets.gpt-4o", "must be a positive number (a relative weight), got 'null'"),
                Arguments.of("{\"targets\": {\"gpt-4o\": 1}, \"sticky-by\": [\"user\"]}", "sticky-by", "must be a string, got a list [\"user\"]"),
                Arguments.of("{\"targets\": {\"gpt-4o\": 1}, \"sticky-by\": \"x/y\"}", "sticky-by", "or a header name such as x-session-id, got 'x/y'"),
                Arguments.of("{\"targets\": {\"gpt-4o\": 1}, \"sticky-by\": \"x session\"}", "sticky-by", "got 'x session'"),
                Arguments.of("{\"targets\": {\"gpt-4o\": 1}, \"sticky-by\": \"Authorization\"}", "sticky-by",
                        "'authorization' carries credentials, which would be echoed in routing reasons; use key-name"),
                Arguments.of("{\"targets\": {\"gpt-4o\": 1}, \"sticky-by\": \"x-api-key\"}", "sticky-by", "'x-api-key' carries credentials"),
                Arguments.of("{\"targets\": {\"gpt-4o\": 1}, \"sticky_by\": \"user\"}", "sticky_by",
                        "unknown option 'sticky_by' (known: targets, sticky-by)"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidOptions")
    void rejectsInvalidOptions(String options, String path, String message) {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new WeightedRouterFactory().create(OptionValidator.validate(new WeightedRouterFactory().options(), new JsonObject(options)), WeightedRouterTest.CONTEXT));

        assertEquals(path, e.path());
        assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
    }

    @Test
    void acceptsFractionalAndStringWeights() {
        var router = new WeightedRouterFactory().create(new JsonObject(
                "{\"targets\": {\"gpt-4o\": 0.75, \"cheapest\": \"0.25\"}, \"sticky-by\": \"user\"}"), WeightedRouterTest.CONTEXT);
        var decision = router.route(Requests.routing(
                "{\"model\": \"ab\", \"user\": \"alice\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", WeightedRouterTest.CATALOG));

        assertTrue(decision.reason().contains("/1, sticky user=alice)"), decision::reason);
    }

    @Test
    void describesItsOptions() {
        RouterFactory factory = new WeightedRouterFactory();

        assertEquals("weighted", factory.id());
        assertEquals(List.of("targets", "sticky-by"), factory.options().stream().map(OptionSpec::name).toList());
        assertEquals(List.of(true, false), factory.options().stream().map(OptionSpec::required).toList());
    }

    @Test
    void registeredForServiceLoader() {
        List<String> ids = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.routerFactories().stream()).map(RouterFactory::id).toList();

        assertTrue(ids.contains("weighted"), () -> "found " + ids);
    }
}
