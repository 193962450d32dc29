package dev.switchboard.tests.support;

/** Config texts shared by the end-to-end tests. */
public final class Configs {
    private Configs() {
    }

    /** A config whose provider {@code fake} is the given fake OpenAI upstream. */
    public static String openAi(FakeOpenAi fake) {
        return openAi(fake, "");
    }

    /** As {@link #openAi(FakeOpenAi)} with extra route lines (indented two spaces) under {@code routes}. */
    public static String openAi(FakeOpenAi fake, String extraRoutes) {
        return """
                server: {host: 127.0.0.1, port: 0, max-body-bytes: 65536, instances: 2}
                providers:
                  fake: {type: openai, base-url: "%s", api-key: "${TEST_KEY}", headers: {x-org: acme}}
                  dead: {type: openai, base-url: "http://127.0.0.1:9/v1", api-key: "${MISSING_KEY:-unused}"}
                  nokey: {type: openai, base-url: "%s", api-key: "${UNSET_OPENAI_KEY:-}"}
                models:
                  m-ok: {provider: fake, upstream-model: ok, context-window: 128000, max-output-tokens: 4096,
                         capabilities: [vision, tools, json], input-price: 1.0, output-price: 2.0}
                  m-text: {provider: fake, upstream-model: ok, context-window: 128000}
                  m-500: {provider: fake, upstream-model: err500, fallbacks: [m-ok]}
                  m-500-alone: {provider: fake, upstream-model: err500}
                  m-400: {provider: fake, upstream-model: err400, fallbacks: [m-ok]}
                  m-401: {provider: fake, upstream-model: err401}
                  m-dead: {provider: dead, upstream-model: x}
                  m-nokey: {provider: nokey, upstream-model: ok}
                routes:
                  pinned: {router: fixed, options: {models: [m-500-alone, m-ok]}}
                %s
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(fake.baseUrl(), fake.baseUrl(), extraRoutes);
    }

    /**
     * A config for the front doors beyond chat: chat models ({@code m-ok}, {@code m-tools} calling
     * tools, {@code m-500} failing over to {@code m-ok}), {@code m-native} on a provider that serves
     * the Responses API itself, embedding models {@code emb} and {@code emb-500} (failing over to
     * {@code emb}), and the routes {@code chatty} and {@code embed} over them.
     */
    public static String frontDoors(FakeOpenAi fake) {
        return """
                server: {host: 127.0.0.1, port: 0, max-body-bytes: 1048576}
                providers:
                  fake: {type: openai, base-url: "%1$s", api-key: "${TEST_KEY}"}
                  native: {type: openai, base-url: "%1$s", api-key: "${TEST_KEY}", responses-api: true}
                models:
                  m-ok: {provider: fake, upstream-model: ok, context-window: 128000, max-output-tokens: 4096,
                         capabilities: [vision, tools, json], input-price: 1.0, output-price: 2.0}
                  m-tools: {provider: fake, upstream-model: tools, context-window: 128000, max-output-tokens: 4096,
                            capabilities: [tools, json], input-price: 1.0, output-price: 2.0}
                  m-native: {provider: native, upstream-model: ok-native, context-window: 128000, max-output-tokens: 4096,
                             capabilities: [tools, json], input-price: 1.0, output-price: 2.0}
                  m-500: {provider: fake, upstream-model: err500, fallbacks: [m-ok]}
                  emb: {provider: fake, upstream-model: text-embedding-3-small, context-window: 8192, max-output-tokens: 1,
                        capabilities: [embeddings], input-price: 0.02, output-price: 0}
                  emb-500: {provider: fake, upstream-model: err500, context-window: 8192, max-output-tokens: 1,
                            capabilities: [embeddings], fallbacks: [emb]}
                routes:
                  chatty: {router: fixed, options: {models: [m-500, m-ok]}}
                  embed: {router: fixed, options: {models: [emb-500, emb]}}
                responses: {max-stored: 3, ttl-ms: 60000}
                resilience: {max-retries: 0, request-timeout-ms: 10000, first-token-timeout-ms: 5000}
                """.formatted(fake.baseUrl());
    }
}
