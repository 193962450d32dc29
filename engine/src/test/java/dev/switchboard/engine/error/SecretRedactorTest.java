package dev.switchboard.engine.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.PluginTypes;
import dev.switchboard.engine.auth.KeyAuthenticator;
import dev.switchboard.spi.OptionSpec;
import dev.switchboard.spi.provider.ErrorKind;
import dev.switchboard.spi.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
    static final String CLIENT_KEY = "sb-0123456789abcdef0123456789abcdef01234567";
    static final PluginTypes TYPES = new PluginTypes(Map.of("openai", List.of(OptionSpec.optional("base-url", "root"),
            OptionSpec.secret("api-key", "key"), OptionSpec.optional("headers", "extra"))), Set.of("fixed"));

    static SecretRedactor redactor() {
        String yaml = """
                server: {host: 127.0.0.1}
                providers:
                  p: {type: openai, base-url: "http://127.0.0.1:9/v1", api-key: "plain-provider-secret-1",
                      headers: {x-org: acme, x-custom-token: "hdr-secret-value"}}
                models:
                  m: {provider: p}
                auth: {keys: [{name: a, key-sha256: %s}]}
                """.formatted(KeyAuthenticator.sha256(CLIENT_KEY));
        return SecretRedactor.of(ConfigLoader.fromTree(ConfigLoader.parse(yaml, "t.yaml"), TYPES, n -> null), TYPES);
    }

    @Test
    void configuredSecretsOfAnyShapeAreReplaced() {
        SecretRedactor r = redactor();
        assertEquals("bad key *** and header *** for acme", r.redact("bad key plain-provider-secret-1 and header hdr-secret-value for acme"));
    }

    @Test
    void clientKeysAreFoundByTheirHash() {
        String clientKeyNotShaped = "x" + CLIENT_KEY.substring(1);
        assertEquals("caller *** sent it", redactor().redact("caller " + CLIENT_KEY + " sent it"));
        assertTrue(redactor().redact("caller " + clientKeyNotShaped).contains(clientKeyNotShaped), "other tokens stay");
    }

    @Test
    void credentialShapesAreReplacedWithoutConfig() {
        SecretRedactor r = SecretRedactor.SHAPES_ONLY;
        String[][] cases = {
                {"Incorrect API key provided: sk-proj-abcDEF1234567890.", "Incorrect API key provided: ***."},
                {"{\"authorization\":\"Bearer abc.def-ghi\"}", "{\"authorization\":\"Bearer ***\"}"},
                {"Authorization: Bearer xyz123", "Authorization: Bearer ***"},
                {"got x-api-key: sk-ant-api03-ZZZZ_yyyy-1234 from you", "got x-api-key: *** from you"},
                {"header x-goog-api-key=AIzaSyA1234567890abcdefghijklmnop ok", "header x-goog-api-key=*** ok"},
                {"GET /v1beta/models?key=my-google-key&alt=sse", "GET /v1beta/models?key=***&alt=sse"},
                {"token AIzaSyA1234567890abcdefghijklmnop leaked", "token *** leaked"},
                {"use bearer tokens, not passwords", "use bearer tokens, not passwords"},
                {"the task-runner failed", "the task-runner failed"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], r.redact(c[0]), c[0]);
        }
    }

    @Test
    void providerErrorsKeepEverythingButTheSecret() {
        ProviderException clean = new ProviderException(ErrorKind.AUTH, 401, "invalid_api_key", "no key", null);
        assertSame(clean, redactor().redact(clean));
        ProviderException leaky = new ProviderException(ErrorKind.RATE_LIMITED, 429, "rate", "slow down, Bearer sk-live-1234567890",
                Duration.ofSeconds(3));
        ProviderException out = redactor().redact(leaky);
        assertEquals("slow down, Bearer ***", out.getMessage());
        assertEquals(ErrorKind.RATE_LIMITED, out.kind());
        assertEquals(429, out.status());
        assertEquals("rate", out.code());
        assertEquals(Duration.ofSeconds(3), out.retryAfter());
        assertFalse(out.getMessage().contains("sk-live"));
    }
}
