package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.model.Capability;
import dev.switchboard.spi.model.ModelDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog.price-file}: models filled from a LiteLLM {@code model_prices_and_context_window.json}. */
class PriceFileTest {
    private static final Path PRICES = fixture();

    private static Path fixture() {
        try {
            return Path.of(PriceFileTest.class.getResource("/litellm-prices.json").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A config with the given price file and {@code models:} lines (indented two spaces). */
    private static String config(Path prices, String models) {
        return """
                catalog: {price-file: "%s"}
                providers:
                  openai: {type: openai}
                  anthropic: {type: anthropic}
                  gemini: {type: gemini}
                  openrouter: {type: openrouter}
                  local: {type: ollama}
                  vllm: {type: openai, base-url: "http://127.0.0.1:8000/v1"}
                models:
                %s
                """.formatted(prices.toString().replace("\\", "/"), models.stripTrailing());
    }

    private static ModelDescriptor model(String models, String id) {
        return ConfigLoaderTest.load(config(PRICES, models)).models().get(id);
    }

    private static ConfigException invalid(Path prices) {
        return ConfigLoaderTest.invalid(config(prices, "  mini: {provider: openai, upstream-model: gpt-4o-mini}"));
    }

    @Test
    void unsetFieldsComeFromTheEntryOfTheUpstreamModelWithPricesPerMillion() {
        ModelDescriptor mini = model("  mini: {provider: openai, upstream-model: gpt-4o-mini}", "mini");
        assertEquals(128_000, mini.contextWindow());
        assertEquals(16_384, mini.maxOutputTokens());
        assertEquals(Set.of(Capability.VISION, Capability.TOOLS, Capability.JSON), mini.capabilities());
        assertEquals(0.15, mini.inputPrice());
        assertEquals(0.6, mini.outputPrice());
        assertEquals(0.075, mini.cachedInputPrice());
    }

    @Test
    void anthropicEntryBringsItsCacheReadPrice() {
        ModelDescriptor haiku = model("  haiku: {provider: anthropic, upstream-model: claude-3-5-haiku-20241022}", "haiku");
        assertEquals(0.8, haiku.inputPrice());
        assertEquals(4.0, haiku.outputPrice());
        assertEquals(0.08, haiku.cachedInputPrice());
        assertEquals(200_000, haiku.contextWindow());
        assertEquals(8192, haiku.maxOutputTokens());
    }

    @Test
    void providerPrefixedKeysMatchTheBareUpstreamName() {
        SwitchboardConfig c = ConfigLoaderTest.load(config(PRICES, """
                  flash: {provider: gemini, upstream-model: gemini-2.5-flash}
                  lite: {provider: gemini, upstream-model: gemini-2.0-flash-lite}
                  or-mini: {provider: openrouter, upstream-model: openai/gpt-4o-mini}
                  llama: {provider: local, upstream-model: llama3.1}
                """));
        ModelDescriptor flash = c.models().get("flash");
        assertEquals(0.3, flash.inputPrice());
        assertEquals(2.5, flash.outputPrice());
        assertEquals(0.075, flash.cachedInputPrice());
        assertEquals(1_048_576, flash.contextWindow());
        assertEquals(65_535, flash.maxOutputTokens());
        ModelDescriptor lite = c.models().get("lite");
        assertEquals(0.075, lite.inputPrice());
        assertNull(lite.cachedInputPrice(), "no cache price in the entry: cached input is billed as input");
        assertEquals(0.6, c.models().get("or-mini").outputPrice());
        ModelDescriptor llama = c.models().get("llama");
        assertTrue(llama.free(), "Ollama entries price at 0: free, not unknown");
        assertEquals(Set.of(Capability.TOOLS), llama.capabilities());
    }

    @Test
    void theProviderTypesOwnEntryWinsOverOtherProvidersOfTheSameName() {
        PriceCatalog catalog = PriceCatalog.load(PRICES.toString(), msg -> { });
        assertEquals("gemini/gemini-2.5-flash", catalog.find("gemini", "gemini-2.5-flash"));
        assertEquals("gemini-2.5-flash", catalog.find("openai", "gemini-2.5-flash"));
        assertEquals("gemini/gemini-2.0-flash-lite", catalog.find("openai", "gemini-2.0-flash-lite"));
        assertNull(catalog.find("openai", "meta-llama/Meta-Llama-3.1-8B-Instruct"),
                "two providers key this name at different prices: no guess");
        assertNull(catalog.find("openai", "sample_spec"));
    }

    @Test
    void configEntriesOverrideTheFileFieldByField() {
        ModelDescriptor mini = model("""
                  mini: {provider: openai, upstream-model: gpt-4o-mini, context-window: 64000, capabilities: [tools],
                         input-price: 0.2, cached-input-price: 0.1}
                """, "mini");
        assertEquals(64_000, mini.contextWindow());
        assertEquals(16_384, mini.maxOutputTokens(), "max-output-tokens still from the file");
        assertEquals(Set.of(Capability.TOOLS), mini.capabilities());
        assertEquals(0.2, mini.inputPrice());
        assertEquals(0.6, mini.outputPrice(), "output-price still from the file");
        assertEquals(0.1, mini.cachedInputPrice());
    }

    @Test
    void aModelTheFileDoesNotKnowStaysUnpriced() {
        SwitchboardConfig c = ConfigLoaderTest.load(config(PRICES, """
                  custom: {provider: vllm, upstream-model: my-finetune}
                  llama: {provider: vllm, upstream-model: meta-llama/Meta-Llama-3.1-8B-Instruct}
                """));
        for (ModelDescriptor m : List.of(c.models().get("custom"), c.models().get("llama"))) {
            assertNull(m.inputPrice(), m.id());
            assertNull(m.outputPrice(), m.id());
            assertEquals(8192, m.contextWindow(), m.id());
            assertEquals(4096, m.maxOutputTokens(), m.id());
            assertEquals(Set.of(), m.capabilities(), m.id());
        }
    }

    @Test
    void aMissingFileIsAnErrorOfCatalogPriceFile(@TempDir Path dir) {
        ConfigException e = invalid(dir.resolve("nope.json"));
        assertEquals("catalog.price-file", e.errors().get(0).path());
        assertTrue(e.errors().get(0).message().startsWith("price file not found: "), e.getMessage());
    }

    @Test
    void aFileThatIsNotAJsonObjectOfModelsIsAnError(@TempDir Path dir) throws Exception {
        for (String text : List.of("{\"gpt-4o-mini\": {\"input_cost_per_token\": ", "[{\"model\": \"gpt-4o-mini\"}]", "gpt-4o-mini: 1")) {
            Path file = Files.writeString(dir.resolve("prices.json"), text);
            ConfigException e = invalid(file);
            assertEquals("catalog.price-file", e.errors().get(0).path(), text);
            assertTrue(e.errors().get(0).message().startsWith("not a JSON object of models"), e.getMessage());
        }
    }

    @Test
    void aBadFieldInAnEntryAModelUsesIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("prices.json"), """
                {"gpt-4o-mini": {"input_cost_per_token": "0.15/M", "output_cost_per_token": 6e-07, "supports_vision": "yes",
                                 "litellm_provider": "openai"}}
                """);
        ConfigException e = invalid(file);
        assertEquals(List.of(
                "catalog.price-file: entry 'gpt-4o-mini' (for model 'mini'): supports_vision must be true or false, got 'yes'",
                "catalog.price-file: entry 'gpt-4o-mini' (for model 'mini'): input_cost_per_token must be a number, got '0.15/M'"),
                e.errors().stream().map(ConfigError::toString).toList());
    }

    @Test
    void catalogAcceptsOnlyPriceFile() {
        ConfigException e = ConfigLoaderTest.invalid("catalog: {prices: x.json}");
        assertEquals("catalog.prices: unknown key (known: price-file)", e.errors().get(0).toString());
    }

    @Test
    void anEditedFileIsReadAgain(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("prices.json"), "{\"gpt-4o-mini\": {\"input_cost_per_token\": 1.5e-07}}");
        String yaml = config(file, "  mini: {provider: openai, upstream-model: gpt-4o-mini}");
        assertEquals(0.15, ConfigLoaderTest.load(yaml).models().get("mini").inputPrice());
        Files.writeString(file, "{\"gpt-4o-mini\": {\"input_cost_per_token\": 2.5e-07, \"output_cost_per_token\": 1e-06}}");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(0.25, ConfigLoaderTest.load(yaml).models().get("mini").inputPrice());
    }
}
