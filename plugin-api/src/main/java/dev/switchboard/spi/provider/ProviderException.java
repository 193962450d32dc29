package dev.switchboard.spi.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed upstream call, normalised. Stackless: it is a value on the hot path, not a bug.
 */
public class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorKind kind;
    private final int status;
    private final String code;
    private final transient Duration retryAfter;

    /**
     * @param kind       the normalised kind
     * @param status     the upstream HTTP status, or 0 when there was no response
     * @param code       the provider's error code/type (e.g. {@code context_length_exceeded}), or null
     * @param message    the provider's message, kept for the client
     * @param retryAfter how long the provider asked us to wait, or null
     */
    public ProviderException(ErrorKind kind, int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** A failure without upstream status, code or Retry-After (transport errors, malformed bodies). */
    public ProviderException(ErrorKind kind, String message) {
        this(kind, 0, null, message, null);
    }

    /** The normalised kind. */
    public ErrorKind kind() {
        return kind;
    }

    /** The upstream HTTP status, or 0. */
    public int status() {
        return status;
    }

    /** The provider's error code, or null. */
    public String code() {
        return code;
    }

    /** The Retry-After the provider sent, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The HTTP status a client should get: the upstream 4xx when there is one, else the kind's default. */
    public int clientStatus() {
        if (status >= 400 && status < 500 && status != 408) {
            return status;
        }
        return kind.defaultStatus();
    }
}
