package dev.switchboard.engine.upstream;

import io.vertx.core.http.HttpClientRequest;

/** A handle on one in-flight upstream call, so a timeout or a departed client can abort it. */
public final class UpstreamCall {
    private HttpClientRequest request;
    private boolean cancelled;

    void attach(HttpClientRequest req) {
        this.request = req;
        if (cancelled) {
            req.reset();
        }
    }

    /** Aborts the call (resets the stream/connection); harmless when already finished. */
    public void cancel() {
        cancelled = true;
        if (request != null) {
            request.reset();
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }
}
