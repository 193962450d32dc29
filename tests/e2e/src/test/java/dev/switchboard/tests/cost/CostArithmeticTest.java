package dev.switchboard.tests.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost a client sees ({@code usage.cost} and {@code x-switchboard-cost-usd}) per provider, whole
 * and streamed, against figures computed by hand from the price file's prices (USD per token × 1e6 =
 * per million) and each fake's fixed usage.
 */
class CostArithmeticTest {
    /** LiteLLM's {@code model_prices_and_context_window.json} shape, a few entries. */
    private static final String PRICES = """
            {
              "sample_spec": {"input_cost_per_token": 0.0, "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
                              "max_tokens": "LEGACY parameter. set to max_output_tokens if provider specifies it."},
              "gpt-4o-mini": {"cache_read_input_token_cost": 7.5e-08, "input_cost_per_token": 1.5e-07, "litellm_provider": "openai",
                              "max_input_tokens": 128000, "max_output_tokens": 16384, "max_tokens": 16384, "mode": "chat",
                              "output_cost_per_token": 6e-07, "supports_function_calling": true, "supports_response_schema": true,
                              "supports_vision": true},
              "claude-3-5-haiku-20241022": {"cache_creation_input_token_cost": 1e-06, "cache_read_input_token_cost": 8e-08,
                              "input_cost_per_token": 8e-07, "litellm_provider": "anthropic", "max_input_tokens": 200000,
                              "max_output_tokens": 8192, "max_tokens": 8192, "mode": "chat", "output_cost_per_token": 4e-06,
                              "supports_function_calling": true, "supports_vision": true},
              "gemini/gemini-2.5-flash": {"cache_read_input_token_cost": 7.5e-08, "input_cost_per_token": 3e-07,
                              "litellm_provider": "gemini", "max_input_tokens": 1048576, "max_output_tokens": 65535,
                              "max_tokens": 65535, "mode": "chat", "output_cost_per_reasoning_token": 2.5e-06,
                              "output_cost_per_token": 2.5e-06, "supports_function_calling": true, "supports_vision": true},
              "openrouter/openai/gpt-4o-mini": {"input_cost_per_token": 1.5e-07, "litellm_provider": "openrouter",
                              "max_input_tokens": 128000, "max_output_tokens": 16384, "mode": "chat", "output_cost_per_token": 6e-07},
              "ollama/llama3.1": {"input_cost_per_token": 0.0, "litellm_provider": "ollama", "max_input_tokens": 8192,
                              "max_output_tokens": 8192, "max_tokens": 32768, "mode": "chat", "output_cost_per_token": 0.0}
            }
            """;

    static FakeOpenAi openAi;
    static MeteredUpstream metered;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        openAi = new FakeOpenAi();
        metered = new MeteredUpstream();
        Path prices = Files.createTempFile("litellm-prices", ".json");
        Files.writeString(prices, PRICES);
        node = Node.start("""
                server: {host: 127.0.0.1, port: 0, instances: 1}
                catalog: {price-file: "%s"}
                providers:
                  openai: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                  anthropic: {type: anthropic, base-url: "%s", api-key: "${TEST_KEY}"}
                  gemini: {type: gemini, base-url: "%s/v1beta", api-key: "${TEST_KEY}"}
                  openrouter: {type: openrouter, base-url: "%s/api/v1", api-key: "${TEST_KEY}"}
                  local: {type: ollama, base-url: "%s"}
                models:
                  mini: {provider: openai, upstream-model: gpt-4o-mini}
                  mini-dear: {provider: openai, upstream-model: gpt-4o-mini, input-price: 1.0}
                  haiku: {provider: anthropic, upstream-model: claude-3-5-haiku-20241022}
                  flash: {provider: gemini, upstream-model: gemini-2.5-flash}
                  or-mini: {provider: openrouter, upstream-model: openai/gpt-4o-mini}
                  llama: {provider: local, upstream-model: llama3.1}
                  finetune: {provider: openai, upstream-model: my-finetune}
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(prices.toString().replace("\\", "/"), openAi.baseUrl(), metered.root(), metered.root(),
                metered.root(), metered.root()), null);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        metered.close();
        openAi.close();
    }

    @Test
    void openAiCompatiblePricedFromThePriceFile() throws Exception {
        // FakeOpenAi: 12 prompt, 5 completion; gpt-4o-mini $0.15 / $0.60 per million.
        assertCost("mini", (12 * 0.15 + 5 * 0.60) / 1e6);
    }

    @Test
    void aConfigPriceOverridesTheFileOne() throws Exception {
        // input-price 1.0 from the config, output still $0.60 from the file.
        assertCost("mini-dear", (12 * 1.0 + 5 * 0.60) / 1e6);
    }

    @Test
    void anthropicCacheReadsAtTheCachePrice() throws Exception {
        // 100 uncached at $0.80, 2000 cache reads at $0.08, 50 output at $4.00 per million.
        double expected = (MeteredUpstream.ANTHROPIC_INPUT * 0.80 + MeteredUpstream.ANTHROPIC_CACHE_READ * 0.08
                + MeteredUpstream.ANTHROPIC_OUTPUT * 4.00) / 1e6;
        assertEquals(0.00044, expected, 1e-12);
        JsonObject usage = assertCost("haiku", expected);
        assertEquals(MeteredUpstream.ANTHROPIC_INPUT + MeteredUpstream.ANTHROPIC_CACHE_READ, usage.getInteger("prompt_tokens"));
        assertEquals(MeteredUpstream.ANTHROPIC_CACHE_READ, usage.getJsonObject("prompt_tokens_details").getInteger("cached_tokens"));
    }

    @Test
    void geminiCachedContentAtTheCachePriceAndThinkingAsOutput() throws Exception {
        // 1000 prompt of which 800 cached: 200 at $0.30, 800 at $0.075; 100 + 40 thinking output at $2.50 per million.
        int uncached = MeteredUpstream.GEMINI_PROMPT - MeteredUpstream.GEMINI_CACHED;
        int output = MeteredUpstream.GEMINI_CANDIDATES + MeteredUpstream.GEMINI_THOUGHTS;
        double expected = (uncached * 0.30 + MeteredUpstream.GEMINI_CACHED * 0.075 + output * 2.50) / 1e6;
        assertEquals(0.00047, expected, 1e-12);
        JsonObject usage = assertCost("flash", expected);
        assertEquals(output, usage.getInteger("completion_tokens"));
        assertEquals(MeteredUpstream.GEMINI_CACHED, usage.getJsonObject("prompt_tokens_details").getInteger("cached_tokens"));
    }

    @Test
    void openRouterExactCostWinsOverCatalogPrices() throws Exception {
        double fromCatalog = (MeteredUpstream.OPENROUTER_PROMPT * 0.15 + MeteredUpstream.OPENROUTER_COMPLETION * 0.60) / 1e6;
        assertTrue(Math.abs(fromCatalog - MeteredUpstream.OPENROUTER_COST) > 1e-6, "the test tells the two apart");
        assertCost("or-mini", MeteredUpstream.OPENROUTER_COST);
    }

    @Test
    void ollamaIsFreeNotUnknown() throws Exception {
        JsonObject usage = assertCost("llama", 0.0);
        assertEquals(MeteredUpstream.OLLAMA_PROMPT, usage.getInteger("prompt_tokens"));
        assertEquals(MeteredUpstream.OLLAMA_EVAL, usage.getInteger("completion_tokens"));
    }

    @Test
    void aModelWithNoPriceHasUnknownCostNeverZero() throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", body("finetune", false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("unknown", r.headers().firstValue("x-switchboard-cost-usd").orElseThrow());
        JsonObject usage = new JsonObject(r.body()).getJsonObject("usage");
        assertEquals(17, usage.getInteger("total_tokens"));
        assertFalse(usage.containsKey("cost"), usage.encode());
        JsonObject streamed = streamedUsage("finetune");
        assertEquals(17, streamed.getInteger("total_tokens"));
        assertFalse(streamed.containsKey("cost"), streamed.encode());
    }

    /**
     * A whole answer's header and {@code usage.cost}, and the final usage chunk of a stream, all carry
     * {@code expected}; returns the whole answer's usage.
     */
    private static JsonObject assertCost(String model, double expected) throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", body(model, false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(model, r.headers().firstValue("x-switchboard-model").orElseThrow());
        assertEquals(String.format(Locale.ROOT, "%.8f", expected), r.headers().firstValue("x-switchboard-cost-usd").orElseThrow());
        JsonObject usage = new JsonObject(r.body()).getJsonObject("usage");
        assertEquals(expected, usage.getDouble("cost"), 1e-12, usage.encode());
        JsonObject streamed = streamedUsage(model);
        assertEquals(expected, streamed.getDouble("cost"), 1e-12, streamed.encode());
        assertEquals(usage.getInteger("total_tokens"), streamed.getInteger("total_tokens"), "same usage whole and streamed");
        return usage;
    }

    /** The usage of a stream's final usage chunk (empty {@code choices}, right before {@code [DONE]}). */
    private static JsonObject streamedUsage(String model) throws Exception {
        HttpResponse<String> r = node.post("/v1/chat/completions", body(model, true));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().endsWith("data: [DONE]\n\n"), r.body());
        JsonObject last = null;
        for (String event : r.body().split("\n\n")) {
            if (event.startsWith("data: {")) {
                last = new JsonObject(event.substring("data: ".length()));
            }
        }
        assertTrue(last != null && last.getJsonArray("choices").isEmpty() && last.getJsonObject("usage") != null,
                "the last chunk is the usage chunk: " + r.body());
        return last.getJsonObject("usage");
    }

    private static String body(String model, boolean stream) {
        JsonObject body = new JsonObject().put("model", model)
                .put("messages", new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")));
        if (stream) {
            body.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        }
        return body.encode();
    }
}
