package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ApiException;
import java.util.List;

/** The client's error when the attempt loop gave up, with the attempts made (also listed in the body). */
public final class AttemptsFailedException extends ApiException {
    private static final long serialVersionUID = 1L;
    private final transient List<Attempt> attempts;

    /** The error {@code e} with the attempts made (or candidates passed over) listed. */
    public AttemptsFailedException(ApiException e, List<Attempt> attempts) {
        super(e.status(), e.type(), e.code(), e.param(), e.getMessage(), e.toJson().getJsonObject("error").copy(), e.retryAfter());
        this.attempts = List.copyOf(attempts);
    }

    /** Every attempt made, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }
}
