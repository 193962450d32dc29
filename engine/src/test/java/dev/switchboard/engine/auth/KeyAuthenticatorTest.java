package dev.switchboard.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.PluginTypes;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.error.ApiException;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyAuthenticatorTest {
    static SwitchboardConfig config(String yaml) {
        return ConfigLoader.fromTree(ConfigLoader.parse(yaml, "t.yaml"), new PluginTypes(Map.of(), Set.of()), n -> null);
    }

    @Test
    void noKeysOnALoopbackBindIsAnonymous() {
        KeyAuthenticator auth = new KeyAuthenticator(config("server: {host: 127.0.0.1}"));
        assertNull(auth.authenticate(MultiMap.caseInsensitiveMultiMap()).name());
    }

    @Test
    void noKeysOnAnOpenBindRefusesEveryone() {
        KeyAuthenticator auth = new KeyAuthenticator(config("server: {host: 0.0.0.0}"));
        ApiException e = assertThrows(ApiException.class, () -> auth.authenticate(MultiMap.caseInsensitiveMultiMap()));
        assertEquals(401, e.status());
        assertEquals("no_keys_configured", e.code());
    }

    @Test
    void keysAreMatchedByHashFromBearerOrXApiKey() {
        KeyAuthenticator auth = new KeyAuthenticator(config("auth: {keys: [{name: a, key-sha256: " + KeyAuthenticator.sha256("k1") + "}]}"));
        assertEquals("a", auth.authenticate(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer k1")).name());
        assertEquals("a", auth.authenticate(MultiMap.caseInsensitiveMultiMap().add("x-api-key", "k1")).name());
        assertEquals("invalid_api_key", assertThrows(ApiException.class,
                () -> auth.authenticate(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer k2"))).code());
    }

    @Test
    void adminApiWithoutAdminKeyAnswersLoopbackOnly() {
        KeyAuthenticator auth = new KeyAuthenticator(config("server: {host: 127.0.0.1}"));
        auth.authenticateAdmin(MultiMap.caseInsensitiveMultiMap(), true);
        assertThrows(ApiException.class, () -> auth.authenticateAdmin(MultiMap.caseInsensitiveMultiMap(), false));
    }
}
