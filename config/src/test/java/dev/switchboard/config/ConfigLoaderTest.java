package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.model.Capability;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    static final List<OptionSpec> KEYED = List.of(OptionSpec.optional("base-url", "root"), OptionSpec.secret("api-key", "key"),
            OptionSpec.optional("headers", "h"), OptionSpec.optional("x-title", "t"), OptionSpec.optional("discover", "d"),
            OptionSpec.optional("responses-api", "r"));
    static final PluginTypes TYPES = new PluginTypes(
            Map.of("openai", KEYED, "anthropic", KEYED, "gemini", KEYED, "openrouter", KEYED, "ollama", KEYED),
            Set.of("fixed", "keyword", "complexity", "cost-floor", "multimodal", "weighted", "semantic"));
    static final Function<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-live-123", "PORT", "9099")::get;

    static SwitchboardConfig load(String yaml) {
        return ConfigLoader.fromTree(ConfigLoader.parse(yaml, "test.yaml"), TYPES, ENV);
    }

    static ConfigException invalid(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml));
    }

    @Test
    void unknownProviderNamesTheKeyPathAndTheKnownOnes() {
        ConfigException e = invalid("""
                providers:
                  openai: {type: openai}
                  local: {type: ollama}
                models:
                  gpt-4o: {provider: opnai}
                """);
        assertEquals("models.gpt-4o.provider: unknown provider 'opnai' (known: openai, local)", e.errors().get(0).toString());
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        ConfigException e = invalid("""
                server: {port: seventy, prot: 1}
                providers:
                  p: {type: nosuch}
                models:
                  m: {provider: p, context-window: -3, capabilities: [telepathy], fallbacks: [ghost]}
                routes:
                  r: {router: magic}
                resilience: {max-retries: 99}
                """);
        List<String> paths = e.errors().stream().map(ConfigError::path).toList();
        assertTrue(paths.containsAll(List.of("server.port", "server.prot", "providers.p.type", "models.m.context-window",
                "models.m.capabilities", "models.m.fallbacks", "routes.r.router", "resilience.max-retries")), paths.toString());
        assertTrue(e.getMessage().contains("unknown router 'magic' (known: complexity, cost-floor, fixed, keyword, multimodal, semantic, weighted)"),
                e.getMessage());
    }

    @Test
    void interpolatesVariablesWithDefaults() {
        SwitchboardConfig c = load("""
                server: {port: "${PORT}", host: "${HOST:-127.0.0.1}"}
                providers:
                  openai: {type: openai, api-key: "${OPENAI_API_KEY:-}", base-url: "$${LITERAL}"}
                """);
        assertEquals(9099, c.server().port());
        assertEquals("127.0.0.1", c.server().host());
        assertEquals("sk-live-123", c.providers().get("openai").options().getString("api-key"));
        assertEquals("${LITERAL}", c.providers().get("openai").options().getString("base-url"));
        assertEquals("OPENAI_API_KEY", c.envVarOf("openai", "api-key"));
    }

    @Test
    void unsetVariableWithoutDefaultIsAnError() {
        ConfigException e = invalid("providers:\n  openai: {type: openai, api-key: \"${NOT_SET_ANYWHERE}\"}\n");
        assertEquals("providers.openai.api-key", e.errors().get(0).path());
        assertTrue(e.getMessage().contains("NOT_SET_ANYWHERE is not set"));
    }

    @Test
    void unknownProviderOptionIsRejected() {
        ConfigException e = invalid("providers:\n  openai: {type: openai, apikey: x}\n");
        assertEquals("providers.openai.apikey", e.errors().get(0).path());
        assertTrue(e.getMessage().contains("unknown option 'apikey'"), e.getMessage());
    }

    @Test
    void routeOptionsAreCheckedAgainstTheRoutersSpecs() {
        PluginTypes types = new PluginTypes(Map.of("openai", KEYED), Map.of("fixed",
                List.of(OptionSpec.strings("models", "chain").asRequired(), OptionSpec.integer("n", "count").withDefault(2).atLeast(0))));
        String yaml = """
                providers: {p: {type: openai}}
                models: {m: {provider: p}}
                routes:
                  a: {router: fixed, options: {models: m, n: -1, extra: 1}}
                  b: {router: fixed, options: {models: [m], n: "3"}}
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromTree(ConfigLoader.parse(yaml, "t.yaml"), types, ENV));
        assertEquals(List.of("routes.a.options.extra", "routes.a.options.models", "routes.a.options.n"),
                e.errors().stream().map(ConfigError::path).toList());
        String ok = yaml.replace("models: m, n: -1, extra: 1", "models: [m]");
        SwitchboardConfig config = ConfigLoader.fromTree(ConfigLoader.parse(ok, "t.yaml"), types, ENV);
        assertEquals(2, config.routes().get("a").options().getInteger("n")); // the default, filled in
        assertEquals(3, config.routes().get("b").options().getInteger("n")); // interpolated text, converted
    }

    @Test
    void providerOptionsAreCheckedAgainstTheAdaptersSpecs() {
        PluginTypes types = new PluginTypes(Map.of("ollama", List.of(OptionSpec.bool("discover", "list models").withDefault(false),
                OptionSpec.integer("timeout-ms", "per call").atLeast(0))), Set.<String>of());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromTree(ConfigLoader.parse(
                "providers:\n  local: {type: ollama, discover: yes-please, timeout-ms: soon}\n", "t.yaml"), types, ENV));
        assertEquals(List.of("providers.local.discover: must be true or false, got 'yes-please'",
                "providers.local.timeout-ms: must be a whole number, got 'soon'"),
                e.errors().stream().map(ConfigError::toString).toList(), "one error per key: timeout-ms is the engine's to check");
        SwitchboardConfig ok = ConfigLoader.fromTree(ConfigLoader.parse(
                "providers:\n  local: {type: ollama, discover: \"${DISCOVER:-TRUE}\", timeout-ms: 5000}\n", "t.yaml"), types, ENV);
        assertEquals(true, ok.providers().get("local").options().getValue("discover"));
        assertEquals(5000, ok.providers().get("local").timeoutMs());
    }

    @Test
    void routeNamedLikeAModelIsRejected() {
        ConfigException e = invalid("""
                providers: {p: {type: openai}}
                models: {m: {provider: p}}
                routes: {m: {router: fixed}}
                """);
        assertEquals("routes.m", e.errors().get(0).path());
    }

    @Test
    void badYamlIsReportedWithTheSource() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("a: [1, 2", "broken.yaml"));
        assertTrue(e.getMessage().contains("broken.yaml is not valid YAML/JSON"));
    }

    @Test
    void jsonIsAcceptedToo() {
        SwitchboardConfig c = load("{\"providers\": {\"p\": {\"type\": \"openai\"}}, \"models\": {\"m\": {\"provider\": \"p\", \"context-window\": 1000}}}");
        assertEquals(1000, c.models().get("m").contextWindow());
        assertEquals(1000, c.models().get("m").maxOutputTokens());
    }

    @Test
    void bundledDefaultIsValidAndComplete() {
        SwitchboardConfig c = ConfigLoader.fromTree(ConfigLoader.readDefault(), TYPES, name -> null);
        assertTrue(c.routes().keySet().containsAll(Set.of("auto", "task", "cheapest", "vision")));
        assertTrue(c.models().get("gpt-4o").can(Capability.VISION));
        assertEquals(200_000, c.models().get("claude-sonnet").contextWindow());
        assertEquals("ANTHROPIC_API_KEY", c.envVarOf("anthropic", "api-key"));
        assertEquals("http://127.0.0.1:11434", c.providers().get("local").options().getString("base-url"));
        for (String embedding : List.of("text-embedding-3-small", "text-embedding-3-large", "gemini-embedding", "nomic-embed-text")) {
            assertEquals(Set.of(Capability.EMBEDDINGS), c.models().get(embedding).capabilities(), embedding);
            assertTrue(c.models().get(embedding).inputPrice() != null, embedding + " is priced");
        }
        assertEquals("true", c.providers().get("openai").options().getString("responses-api"));
        assertEquals(10_000, c.responses().maxStored());
    }

    @Test
    void responsesStoreBoundsAreValidated() {
        ConfigException e = invalid("responses: {max-stored: 0, ttl-ms: 10}");
        assertTrue(e.getMessage().contains("responses.max-stored"), e.getMessage());
        assertTrue(e.getMessage().contains("responses.ttl-ms"), e.getMessage());
        assertTrue(invalid("responses: {size: 3}").getMessage().contains("responses.size"));
        assertEquals(5, load("responses: {max-stored: 5}").responses().maxStored());
    }

    @Test
    void feedbackKeysHaveDefaultsAndBounds() {
        SwitchboardConfig.Feedback d = load("server: {port: 0}").feedback();
        assertEquals(new SwitchboardConfig.Feedback(86_400_000L, 100_000, 2_000), d);
        assertEquals("switchboard.feedback", load("server: {port: 0}").eventBus().feedbackAddress());
        assertEquals("ratings", load("event-bus: {feedback-address: ratings}").eventBus().feedbackAddress());
        ConfigException e = invalid("feedback: {ttl-ms: 10, max-entries: 0, max-comment-chars: -1}");
        for (String key : new String[] {"feedback.ttl-ms", "feedback.max-entries", "feedback.max-comment-chars"}) {
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        assertTrue(invalid("feedback: {ttl: 3}").getMessage().contains("feedback.ttl"));
        assertEquals(60_000L, load("feedback: {ttl-ms: 60000}").feedback().ttlMs());
    }

    @Test
    void redactionHidesSecretsButShowsMissingOnes() {
        SwitchboardConfig c = load("""
                providers:
                  openai: {type: openai, api-key: "${OPENAI_API_KEY:-}", headers: {authorization: "Bearer abc"}}
                  anthropic: {type: anthropic, api-key: ""}
                """);
        String dump = ConfigRedactor.redact(c.tree(), TYPES).encode();
        assertFalse(dump.contains("sk-live-123"));
        assertFalse(dump.contains("Bearer abc"));
        assertTrue(dump.contains("\"api-key\":\"***\""));
        assertTrue(dump.contains("\"api-key\":\"\""), "an empty key stays visible as empty");
    }

    @Test
    void limitsNamedLikeTokensAreNotSecrets() {
        SwitchboardConfig c = load("""
                providers: {openai: {type: openai, headers: {x-auth-token: abc}}}
                models: {m: {provider: openai, max-output-tokens: 1000, context-window: 8000}}
                """);
        String dump = ConfigRedactor.redact(c.tree(), TYPES).encode();
        assertTrue(dump.contains("\"max-output-tokens\":1000"), dump);
        assertFalse(dump.contains("abc"), dump);
    }
}
