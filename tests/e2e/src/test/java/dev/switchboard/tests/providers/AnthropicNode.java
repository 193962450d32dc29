package dev.switchboard.tests.providers;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.tests.support.FakeOpenAi;
import dev.switchboard.tests.support.Node;

/**
 * A Switchboard node in front of a fake upstream of every provider type, with one client key, and
 * Anthropic SDK clients pointed at it: one presenting the key as {@code x-api-key} (what
 * {@code ANTHROPIC_API_KEY} does), one as a bearer token ({@code ANTHROPIC_AUTH_TOKEN}).
 */
final class AnthropicNode implements AutoCloseable {
    static final String CLIENT_KEY = "sk-sb-client-key-1";

    final FakeAnthropic anthropic = new FakeAnthropic();
    final FakeGemini gemini = new FakeGemini();
    final FakeOllama ollama = new FakeOllama();
    final FakeOpenRouter openRouter = new FakeOpenRouter();
    final FakeOpenAi openAi = new FakeOpenAi();
    final Node node;
    final AnthropicClient client;
    final AnthropicClient bearerClient;

    AnthropicNode() throws Exception {
        node = Node.start("""
                server: {host: 127.0.0.1, port: 0, instances: 1}
                auth:
                  keys:
                    - {name: claude-code, key-sha256: %s}
                providers:
                  anthropic: {type: anthropic, base-url: "%s", api-key: "${TEST_KEY}"}
                  gemini: {type: gemini, base-url: "%s", api-key: "${TEST_KEY}"}
                  local: {type: ollama, base-url: "%s"}
                  openrouter: {type: openrouter, base-url: "%s", api-key: "${TEST_KEY}"}
                  openai: {type: openai, base-url: "%s", api-key: "${TEST_KEY}"}
                models:
                  claude: {provider: anthropic, upstream-model: claude-fake-4, context-window: 200000, max-output-tokens: 64000,
                           capabilities: [vision, tools], input-price: 3, output-price: 15}
                  flash: {provider: gemini, upstream-model: gemini-fake-flash, context-window: 1048576, max-output-tokens: 8192,
                          capabilities: [vision, tools, json], input-price: 0.3, output-price: 2.5}
                  llama: {provider: local, upstream-model: "llama-fake:8b", context-window: 8192, max-output-tokens: 2048,
                          capabilities: [vision, tools, json], input-price: 0, output-price: 0}
                  or-llama: {provider: openrouter, upstream-model: "meta-llama/llama-3.1-70b-instruct", context-window: 131072,
                             max-output-tokens: 64000, capabilities: [vision, tools, json], input-price: 0.12, output-price: 0.3}
                  gpt: {provider: openai, upstream-model: ok, context-window: 128000, max-output-tokens: 4096,
                        capabilities: [vision, tools, json], input-price: 1, output-price: 2}
                  gpt-500: {provider: openai, upstream-model: err500, fallbacks: [claude]}
                  gpt-429: {provider: openai, upstream-model: err429}
                  gpt-503: {provider: openai, upstream-model: err503}
                  gpt-text: {provider: openai, upstream-model: ok, context-window: 128000}
                routes:
                  claude-first: {router: fixed, options: {models: [claude, gpt]}}
                  failover: {router: fixed, options: {models: [gpt-500, claude]}}
                  claude-sonnet-4-5: {router: fixed, options: {models: [or-llama]}}
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(KeyAuthenticator.sha256(CLIENT_KEY), anthropic.baseUrl(), gemini.baseUrl(), ollama.baseUrl(),
                openRouter.baseUrl(), openAi.baseUrl()), null);
        client = AnthropicOkHttpClient.builder().baseUrl(node.url("")).apiKey(CLIENT_KEY).maxRetries(0).build();
        bearerClient = AnthropicOkHttpClient.builder().baseUrl(node.url("")).authToken(CLIENT_KEY).maxRetries(0).build();
    }

    @Override
    public void close() throws Exception {
        client.close();
        bearerClient.close();
        node.close();
        for (AutoCloseable c : new AutoCloseable[] {anthropic, gemini, ollama, openRouter, openAi}) {
            c.close();
        }
    }
}
