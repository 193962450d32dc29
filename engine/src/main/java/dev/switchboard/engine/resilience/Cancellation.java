package dev.switchboard.engine.resilience;

/**
 * How a front door tells a non-streaming run that its client went away (HTTP connection closed or
 * reset). Confined to the request's event loop; cancelling twice, or before the run listens, is fine.
 */
public final class Cancellation {
    private Runnable action;
    private String reason;

    /** The client is gone: the run stops its upstream call and starts no other. */
    public void cancel(String why) {
        if (reason != null) {
            return;
        }
        reason = why;
        if (action != null) {
            action.run();
        }
    }

    /** Why the client counts as gone, or null while it is there. */
    public String reason() {
        return reason;
    }

    void onCancel(Runnable run) {
        action = run;
        if (reason != null) {
            run.run();
        }
    }
}
