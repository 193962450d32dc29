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
}
