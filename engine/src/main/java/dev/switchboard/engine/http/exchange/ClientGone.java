package dev.switchboard.engine.http.exchange;

import io.vertx.core.http.HttpServerResponse;

/** Tells when an HTTP client goes away before its response ended: connection closed or reset. */
public final class ClientGone {
    private ClientGone() {
    }

    /** Runs {@code onGone} once if the connection closes before the response ended (at once if it already has). */
    public static void watch(HttpServerResponse response, Runnable onGone) {
        if (response.closed()) {
            if (!response.ended()) {
                onGone.run();
            }
            return;
        }
        response.closeHandler(v -> {
            if (!response.ended()) {
                onGone.run();
            }
        });
    }
}
