package dev.switchboard.toolkit.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.model.ModelDescriptor;
import dev.switchboard.spi.routing.RouterContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PluginOptionsTest {

    private static final List<OptionSpec> SPECS = List.of(OptionSpec.required("targets", "what to call"),
            OptionSpec.optional("sticky-by", "how to stick"));

    @Test
    void checkDeclaredNamesUnknownAndMissingKeys() {
        assertRejected(() -> PluginOptions.checkDeclared(new JsonObject().put("targets", 1).put("sticky_by", "x"), SPECS),
                "sticky_by", "unknown option 'sticky_by' (known: targets, sticky-by)");
        assertRejected(() -> PluginOptions.checkDeclared(new JsonObject(), SPECS), "targets", "is required: what to call");
        assertRejected(() -> PluginOptions.rejectUnknownKeys(new JsonObject().put("b", 1), "tier-for", List.of("a")),
                "tier-for.b", "unknown option 'b'; allowed here: a");
    }

    @Test
    void strictReadsDescribeTheWrongValue() {
        assertEquals(4, PluginOptions.wholeNumber(null, "n", 0, 4));
        assertRejected(() -> PluginOptions.wholeNumber("4", "n", 0, 4), "n",
                "must be a whole number of at least 0 (default 4), got the string '4'");
        assertRejected(() -> PluginOptions.bool("true", "b", true), "b", "must be true or false (default true), got the string 'true'");
        assertRejected(() -> PluginOptions.strings(new JsonArray().add("a").add(3), "list", "[a]"), "list[1]", "got integer 3");
    }

    @Test
    void lenientReadsAcceptTextFromTheEnvironment() {
        assertEquals(512, PluginOptions.integer(" 512 ", "n", 1, 7, "a positive integer"));
        assertEquals(2.5, PluginOptions.decimal("2.5", "p", 0, "a number >= 0"));
        assertNull(PluginOptions.decimal(null, "p", 0, "a number >= 0"));
        assertEquals(false, PluginOptions.flag(" FALSE ", "f", true));
        assertEquals(0.25, PluginOptions.positiveNumber("0.25", "w", "a weight"));
        assertNull(PluginOptions.value(new JsonObject().put("k", " "), "k"));
        assertRejected(() -> PluginOptions.integer(1.5, "n", 1, 7, "a positive integer"), "n", "must be a positive integer, got 1.5");
        assertRejected(() -> PluginOptions.integer("lots", "n", 1, 7, "a positive integer"), "n", "must be a number, got 'lots'");
        assertRejected(() -> PluginOptions.flag("yes", "f", true), "f", "must be true or false, got 'yes'");
        assertRejected(() -> PluginOptions.positiveNumber(null, "w", "a weight"), "w", "must be a weight, got 'null'");
        assertRejected(() -> PluginOptions.positiveNumber(0, "w", "a weight"), "w", "must be a weight, got 0");
    }

    @Test
    void providerOptions() {
        assertEquals(Map.of("x-a", "1"), PluginOptions.headers(new JsonObject().put("headers", new JsonObject().put("x-a", 1))));
        assertEquals(Map.of(), PluginOptions.headers(new JsonObject()));
        assertRejected(() -> PluginOptions.headers(new JsonObject().put("headers", "x-a: b")), "headers",
                "must be an object of header name to value");
        assertEquals("HTTPS://a.example", PluginOptions.httpUrl("base-url", "HTTPS://a.example", "https://x"));
        assertRejected(() -> PluginOptions.httpUrl("base-url", "a.example", "https://x"), "base-url",
                "must be an http(s) URL like https://x, got 'a.example'");
    }

    @Test
    void modelChainsCheckNamesAgainstTheContext() {
        Map<String, ModelDescriptor> catalog = new LinkedHashMap<>();
        catalog.put("mini", ModelDescriptor.of("mini", "p", 1000, 100, Set.of()));
        catalog.put("big", ModelDescriptor.of("big", "p", 1000, 100, Set.of()));
        RouterContext ctx = new RouterContext("auto", catalog, Set.of("auto", "cheap"));

        assertEquals(List.of("big", "cheap"), ModelChains.read(new JsonArray().add("big").add("cheap"), "models", ctx));
        assertRejected(() -> ModelChains.read(new JsonArray().add("gpt-9"), "models", ctx), "models[0]",
                "unknown model 'gpt-9'; known models: mini, big; routes: cheap");
        assertRejected(() -> ModelChains.read(new JsonArray().add("auto"), "models", ctx), "models[0]", "cannot route to itself");
        assertRejected(() -> ModelChains.read(new JsonArray().add("big").add("big"), "models", ctx), "models[1]", "listed twice");
        assertEquals("mini, big", ModelChains.catalogIds(ctx));
    }

    private static void assertRejected(Executable read, String path, String message) {
        PluginConfigException e = assertThrows(PluginConfigException.class, read);
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
