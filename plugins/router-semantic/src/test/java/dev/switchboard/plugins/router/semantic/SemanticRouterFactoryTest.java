package dev.switchboard.plugins.router.semantic;

import static dev.switchboard.plugins.router.semantic.Requests.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.PluginConfigException;
import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.toolkit.options.OptionValidator;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options: examples inline, from files and built in; tiers; every bad option named by its key path. */
class SemanticRouterFactoryTest {
    private static final SemanticRouterFactory FACTORY = new SemanticRouterFactory();

    @TempDir
    Path dir;

    /** As the engine creates a route: its generic option check first (unknown keys, types, ranges), then the factory. */
    private static Router create(String json) {
        return FACTORY.create(OptionValidator.validate(FACTORY.options(), new JsonObject(json)), Requests.CONTEXT);
    }

    private static PluginConfigException invalid(String json) {
        return assertThrows(PluginConfigException.class, () -> create(json));
    }

    @Test
    void isABlockingRouter() {
        assertTrue(FACTORY.blocking());
        assertEquals("semantic", FACTORY.id());
    }

    @Test
    void inlineExamplesDefineCustomCategories() {
        Router r = create("""
                {"categories": {
                  "legal":   {"models": ["thinker"], "examples": ["review this NDA clause", "is this contract enforceable?",
                                                                 "draft a lease termination letter"]},
                  "cooking": {"models": ["chatty"], "examples": ["how long do I roast a chicken", "a vegan lasagna recipe",
                                                                 "substitute for buttermilk in pancakes"],
                              "description": "recipes, ingredients and kitchen techniques"}},
                 "default-category": "cooking"}
                """);
        RoutingDecision d = r.route(ask("Can my landlord keep the deposit if the lease says nothing about it?"));
        assertEquals("legal", d.labels().get("category"), d.reason());
        assertEquals(List.of("thinker"), d.models());
        assertEquals("cooking", r.route(ask("what spices go well with roasted carrots?")).labels().get("category"));
    }

    @Test
    void tiersUseTheBuiltInTierExamplesAndTheShorthandChain() {
        Router r = create("""
                {"tiers": {"budget": ["small-text"], "mid": ["chatty"], "standard": ["coder"], "premium": ["thinker"]},
                 "mode": "centroid"}
                """);
        RoutingDecision d = r.route(ask("hello there!"));
        assertEquals("budget", d.labels().get("tier"), d.reason());
        assertTrue(d.reason().startsWith("tier=budget similarity="), d.reason());
        assertTrue(d.reason().endsWith("(centroid)"), d.reason());
        assertEquals(List.of("small-text", "chatty", "coder", "thinker"), d.models(), "the stronger tiers' models follow");
    }

    @Test
    void fallbackToStrongerFalseKeepsATiersRequestsOnItsModels() {
        Router r = create("""
                {"tiers": {"budget": ["small-text"], "mid": ["chatty"], "standard": ["coder"], "premium": ["thinker"]},
                 "mode": "centroid", "fallback-to-stronger": false}
                """);
        assertEquals(List.of("small-text"), r.route(ask("hello there!")).models());
    }

    @Test
    void examplesFilesInJsonLinesAndYaml() throws Exception {
        Path jsonl = dir.resolve("examples.jsonl");
        Files.writeString(jsonl, """
                {"text": "track my parcel from DHL", "category": "shipping"}
                {"text": "where is my order 12345", "category": "shipping"}
                "when will my package arrive?"
                {"text": "refund my last payment", "category": "billing"}
                """);
        Path yaml = dir.resolve("billing.yaml");
        Files.writeString(yaml, "- why was I charged twice this month\n- text: update the credit card on my account\n");
        Router r = create("""
                {"categories": {
                  "shipping": {"models": ["small-text"], "examples-file": "%s"},
                  "billing": {"models": ["thinker"], "examples-file": "%s"}}}
                """.formatted(jsonl, yaml));
        assertEquals("shipping", r.route(ask("my delivery is late, where is the parcel?")).labels().get("category"));
        assertEquals("billing", r.route(ask("I was billed twice for my subscription")).labels().get("category"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "neither categories nor tiers | {} | categories | is required (or tiers)",
        "both | {'categories': {'code': {'models': ['coder']}}, 'tiers': {'budget': ['small-text']}} | tiers | cannot be given with categories",
        "unknown option | {'categories': {'code': {'models': ['coder']}}, 'kk': 3} | kk | unknown option 'kk'",
        "unknown entry key | {'categories': {'code': {'models': ['coder'], 'keywords': ['x']}}} | categories.code.keywords | unknown option 'keywords'",
        "no models | {'categories': {'code': {'examples': ['x']}}} | categories.code.models | is required",
        "unknown model | {'categories': {'code': {'models': ['ghost']}}} | categories.code.models[0] | unknown model 'ghost'",
        "no examples anywhere | {'categories': {'legal': {'models': ['thinker']}, 'code': {'models': ['coder']}}, 'default-category': 'code'} | categories.legal | has no examples",
        "duplicate names | {'categories': {'code': {'models': ['coder']}, 'Code': {'models': ['thinker']}}} | categories.Code | duplicates category 'code'",
        "unknown default | {'categories': {'code': {'models': ['coder']}}, 'default-category': 'chat'} | default-category | names 'chat', which is not configured",
        "default of the other kind | {'categories': {'code': {'models': ['coder']}}, 'default-tier': 'budget'} | default-tier | does not apply",
        "bad mode | {'categories': {'code': {'models': ['coder']}}, 'mode': 'svm'} | mode | must be one of knn, centroid",
        "k zero | {'categories': {'code': {'models': ['coder']}}, 'k': 0} | k | must be at least 1",
        "negative margin | {'categories': {'code': {'models': ['coder']}}, 'min-margin': -1} | min-margin | must be at least 0",
        "history weight above 1 | {'categories': {'code': {'models': ['coder']}}, 'history-weight': 2} | history-weight | must be at most 1",
        "tiny window | {'categories': {'code': {'models': ['coder']}}, 'max-chars': 3} | max-chars | at least 16",
        "tiny token window | {'categories': {'code': {'models': ['coder']}}, 'max-tokens': 4} | max-tokens | at least 8",
        "token window past the model | {'categories': {'code': {'models': ['coder']}}, 'max-tokens': 600} | max-tokens | at most 510",
        "negative cache | {'categories': {'code': {'models': ['coder']}}, 'cache-entries': -5} | cache-entries | at least 0",
        "stronger not a boolean | {'tiers': {'budget': ['small-text']}, 'fallback-to-stronger': 'yes'} | fallback-to-stronger | must be true or false",
        "examples not a list | {'categories': {'code': {'models': ['coder'], 'examples': 'fix it'}}} | categories.code.examples | must be a list of strings",
        "file with a bad extension | {'categories': {'code': {'models': ['coder'], 'examples-file': 'x.txt'}}} | categories.code.examples-file | cannot read examples file 'x.txt'",
    })
    void badOptionsNameTheirKeyPath(String what, String json, String path, String message) {
        PluginConfigException e = invalid(json.replace('\'', '"'));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aMissingExamplesFileIsAStartUpErrorNamingTheKeyPath() {
        Path missing = dir.resolve("nope.jsonl");
        PluginConfigException e = invalid("""
                {"categories": {"code": {"models": ["coder"], "examples-file": "%s"}}}""".formatted(missing));
        assertEquals("categories.code.examples-file", e.path());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void anUnreadableExamplesFileLineIsNamed() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\": \"fine\"}\n{not json\n");
        PluginConfigException e = invalid("""
                {"categories": {"code": {"models": ["coder"], "examples-file": "%s"}}}""".formatted(bad));
        assertEquals("categories.code.examples-file", e.path());
        assertTrue(e.getMessage().contains("line 2 is not JSON"), e.getMessage());
    }
}
