package dev.switchboard.engine.error;

import dev.switchboard.config.ConfigRedactor;
import dev.switchboard.config.PluginTypes;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.spi.provider.ProviderException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scrubs credentials from text an upstream sent (or that an upstream failure carries) before it
 * becomes an error a client, a log or a record sees: an upstream error body is untrusted and may
 * echo the request's headers. Replaced by {@value ConfigRedactor#MASK}:
 * <ul>
 *   <li>every configured secret in clear (what {@link ConfigRedactor} masks: provider keys, header
 *       values whose names look secret) of at least {@value #MIN_SECRET} characters;</li>
 *   <li>any token whose SHA-256 is a configured client key's {@code key-sha256};</li>
 *   <li>anything shaped like a credential: the value of an {@code Authorization}, {@code x-api-key},
 *       {@code x-goog-api-key} or {@code api-key} header or field, {@code Bearer xyz}, {@code key=},
 *       {@code api_key=}, {@code access_token=} query parameters, {@code sk-...} (OpenAI,
 *       Anthropic {@code sk-ant-}, OpenRouter {@code sk-or-}), {@code AIza...} (Google) keys and our own
 *       client keys ({@code sb-} + 40 hex).</li>
 * </ul>
 * Immutable; one is built per routing table, so a config change brings the new secrets.
 */
public final class SecretRedactor {
    /** Shorter configured secrets are not scrubbed as text: they would mangle ordinary words. */
    static final int MIN_SECRET = 4;
    private static final String MASK = ConfigRedactor.MASK;
    private static final Pattern HEADER = Pattern.compile("(?i)\\b((?:proxy-)?authorization|x-api-key|x-goog-api-key|api[-_]?key"
            + "|x-auth-token)([\"']?\\s*[:=]\\s*[\"']?)((?:bearer|basic|token)\\s+)?(?!\\*\\*\\*)[^\\s\"',;&}\\]]+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)(?!\\*\\*\\*)(?-i:(?![a-z]+\\b))[A-Za-z0-9._~+/=*-]{4,}"); // not prose: "bearer tokens"
    private static final Pattern QUERY = Pattern.compile("(?i)([?&](?:key|api[-_]?key|access_token|token)=)(?!\\*\\*\\*)[^&\\s\"'#]+");
    private static final Pattern SHAPED = Pattern.compile("\\b(?:sk-[A-Za-z0-9_*-]{8,}|AIza[0-9A-Za-z_-]{20,}|sb-[0-9a-f]{40})");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,}");

    /** Scrubs shapes only: for text seen before any config is loaded. */
    public static final SecretRedactor SHAPES_ONLY = new SecretRedactor(List.of(), Set.of());

    private final List<String> secrets;
    private final Set<String> clientKeyHashes;

    private SecretRedactor(List<String> secrets, Set<String> clientKeyHashes) {
        this.secrets = secrets;
        this.clientKeyHashes = clientKeyHashes;
    }

    /** The redactor for a config: its secrets, its client keys' hashes, and the shapes. */
    public static SecretRedactor of(SwitchboardConfig config, PluginTypes types) {
        List<String> secrets = ConfigRedactor.secretValues(config.tree(), types).stream()
                .filter(s -> s.length() >= MIN_SECRET)
                .sorted(Comparator.comparingInt(String::length).reversed()) // a secret containing another goes first
                .toList();
        Set<String> hashes = config.auth() == null ? Set.of() : config.auth().keys().stream()
                .map(SwitchboardConfig.ApiKey::keySha256).filter(h -> h != null)
                .collect(Collectors.toUnmodifiableSet());
        return new SecretRedactor(secrets, hashes);
    }

    /** The text with every secret replaced; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        if (!clientKeyHashes.isEmpty()) {
            out = replace(TOKEN.matcher(out), m -> clientKeyHashes.contains(SwitchboardConfig.ApiKey.sha256(m.group())) ? MASK : m.group());
        }
        out = replace(HEADER.matcher(out), m -> m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + MASK);
        out = replace(BEARER.matcher(out), m -> m.group(1) + MASK);
        out = replace(QUERY.matcher(out), m -> m.group(1) + MASK);
        return replace(SHAPED.matcher(out), m -> MASK);
    }

    /** The same error with its message and code redacted (the same instance when nothing changed). */
    public ProviderException redact(ProviderException e) {
        String message = redact(e.getMessage());
        String code = redact(e.code());
        if (java.util.Objects.equals(message, e.getMessage()) && java.util.Objects.equals(code, e.code())) {
            return e;
        }
        return new ProviderException(e.kind(), e.status(), code, message, e.retryAfter());
    }

    private static String replace(Matcher m, java.util.function.Function<MatchResult, String> with) {
        return m.replaceAll(r -> Matcher.quoteReplacement(with.apply(r)));
    }
}
