package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.ApiException;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.List;

/**
 * The client went away (connection closed or reset, event-bus consumer gone or too slow) before
 * its request ended. Recorded with status {@value #STATUS} and code {@value #CODE}; never answered,
 * as nobody is left to read it.
 */
public final class ClientCancelledException extends ApiException {
    private static final long serialVersionUID = 1L;
    /** The status in records and stats (nginx's "client closed request"). */
    public static final int STATUS = 499;
    /** The error code in records and the decision log. */
    public static final String CODE = "client_cancelled";

    private final transient ModelDescriptor model;
    private final transient List<Attempt> attempts;

    /**
     * @param reason   why the client counts as gone
     * @param model    the model whose upstream call was in flight or served, or null when none was
     * @param attempts every attempt, the cancelled one included
     */
    public ClientCancelledException(String reason, ModelDescriptor model, List<Attempt> attempts) {
        super(STATUS, "invalid_request_error", CODE, null, reason, null, null);
        this.model = model;
        this.attempts = List.copyOf(attempts);
    }

    /** The model whose call was in flight or served, or null. */
    public ModelDescriptor model() {
        return model;
    }

    /** Every attempt, the cancelled one included. */
    public List<Attempt> attempts() {
        return attempts;
    }
}
