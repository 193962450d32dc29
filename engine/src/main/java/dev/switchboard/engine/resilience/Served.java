package dev.switchboard.engine.resilience;

import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A result and the model that actually served it.
 *
 * @param model    the catalog model that served
 * @param value    the result
 * @param attempts every attempt, the successful one last
 * @param wire     the upstream's body as it came when the request was forwarded in the client's own
 *                 wire API ({@link dev.switchboard.spi.provider.NativeRequest}), else null
 * @param <T>      the result type
 */
public record Served<T>(ModelDescriptor model, T value, List<Attempt> attempts, io.vertx.core.buffer.Buffer wire) {

    /** A result decoded from the canonical call (no wire bytes). */
    public Served(ModelDescriptor model, T value, List<Attempt> attempts) {
        this(model, value, attempts, null);
    }

    /** The {@code x-switchboard-attempts} header value. */
    public String attemptsHeader() {
        return attempts.stream().map(Attempt::header).collect(Collectors.joining(","));
    }
}
