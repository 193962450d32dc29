package dev.switchboard.engine.upstream;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpVersion;

/** A handle on one in-flight upstream call, so a timeout or a departed client can abort it. */
public final class UpstreamCall {
    private HttpClientRequest request;
    private boolean cancelled;

    void attach(HttpClientRequest req) {
        this.request = req;
        if (cancelled) {
            cancel();
        }
    }

    /**
     * Aborts the call: an HTTP/2 stream is reset, an HTTP/1.x connection closed (Vert.x's reset
     * closes it only in some states, and an upstream left sending to a connection nobody reads
     * keeps generating tokens for nobody); harmless when already finished.
     */
    public void cancel() {
        cancelled = true;
        if (request != null) {
            if (request.version() == HttpVersion.HTTP_2) {
                request.reset();
            } else {
                request.connection().close();
            }
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }
}
