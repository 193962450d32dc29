package dev.switchboard.tests.providers;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.switchboard.tests.support.Node;

/** A Switchboard node serving one provider's fake, and an OpenAI SDK client pointed at it. */
final class ProviderNode implements AutoCloseable {
    final Node node;
    final OpenAIClient client;

    private ProviderNode(Node node) {
        this.node = node;
        this.client = OpenAIOkHttpClient.builder().apiKey("unused-by-switchboard").baseUrl(node.url("/v1")).maxRetries(0).build();
    }

    /**
     * Starts a node from the given {@code providers:} and {@code models:} entries (each line indented
     * two spaces). {@code ${TEST_KEY}} resolves to {@code sk-test-secret}.
     */
    static ProviderNode start(String providers, String models) throws Exception {
        return new ProviderNode(Node.start("""
                server: {host: 127.0.0.1, port: 0, instances: 1}
                providers:
                %s
                models:
                %s
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(providers.stripTrailing(), models.stripTrailing()), null));
    }

    @Override
    public void close() throws Exception {
        client.close();
        node.close();
    }
}
