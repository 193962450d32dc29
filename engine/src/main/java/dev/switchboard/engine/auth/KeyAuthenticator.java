package dev.switchboard.engine.auth;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.error.ApiException;
import io.vertx.core.MultiMap;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks client and admin keys. Keys are configured as SHA-256 hashes, never in clear; a caller
 * presents the key as {@code Authorization: Bearer <key>} (what OpenAI SDKs send) or
 * {@code x-api-key}. With no keys configured, anonymous calls are accepted only when the server is
 * bound to a loopback address.
 */
public final class KeyAuthenticator {
    private final Map<String, SwitchboardConfig.ApiKey> byHash;
    private final String adminHash;
    private final boolean anonymousAllowed;

    public KeyAuthenticator(SwitchboardConfig config) {
        this.byHash = config.auth().keys().stream().collect(Collectors.toMap(SwitchboardConfig.ApiKey::keySha256, Function.identity()));
        this.adminHash = config.auth().adminKeySha256();
        this.anonymousAllowed = byHash.isEmpty() && isLoopback(config.server().host());
    }

    /** Whether anonymous callers are accepted (no keys configured and a loopback bind). */
    public boolean anonymousAllowed() {
        return anonymousAllowed;
    }

    /** Whether client keys are configured. */
    public boolean keysConfigured() {
        return !byHash.isEmpty();
    }

    /**
     * The caller of a request.
     *
     * @throws ApiException 401 for a missing or unknown key
     */
    public Caller authenticate(MultiMap headers) {
        if (byHash.isEmpty()) {
            if (anonymousAllowed) {
                return Caller.ANONYMOUS;
            }
            throw new ApiException(401, "authentication_error", "no_keys_configured", null,
                    "this server is bound to a non-loopback address and has no client keys: configure auth.keys", null, null);
        }
        String key = presented(headers);
        if (key == null) {
            throw new ApiException(401, "authentication_error", "missing_api_key", null,
                    "missing API key: send 'Authorization: Bearer <key>'", null, null);
        }
        SwitchboardConfig.ApiKey k = byHash.get(sha256(key));
        if (k == null) {
            throw new ApiException(401, "authentication_error", "invalid_api_key", null, "invalid API key", null, null);
        }
        return new Caller(k);
    }

    /**
     * Checks the admin key for the admin API.
     *
     * @throws ApiException 401 when the key is missing or wrong
     */
    public void authenticateAdmin(MultiMap headers, boolean fromLoopback) {
        if (adminHash == null) {
            if (fromLoopback) {
                return; // no admin key configured: the admin API answers local callers only
            }
            throw new ApiException(401, "authentication_error", "admin_key_not_configured", null,
                    "the admin API needs auth.admin-key-sha256 to be used from another host", null, null);
        }
        String key = presented(headers);
        if (key == null || !MessageDigest.isEqual(sha256(key).getBytes(StandardCharsets.US_ASCII),
                adminHash.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(401, "authentication_error", "invalid_admin_key", null,
                    "the admin API needs the admin key: send 'Authorization: Bearer <admin key>'", null, null);
        }
    }

    private static String presented(MultiMap headers) {
        String auth = headers.get("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String k = auth.substring(7).trim();
            return k.isEmpty() ? null : k;
        }
        String k = headers.get("x-api-key");
        return k == null || k.isBlank() ? null : k.trim();
    }

    /** The lower-case hex SHA-256 of a key (as {@code key-sha256} holds it). */
    public static String sha256(String key) {
        return SwitchboardConfig.ApiKey.sha256(key);
    }

    /** A new random key ({@code sb-} + 40 hex characters). */
    public static String newKey() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return "sb-" + HexFormat.of().formatHex(bytes);
    }

    /** Whether the host name or address is a loopback address. */
    public static boolean isLoopbackHost(String host) {
        return isLoopback(host);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
