package dev.switchboard.engine.resilience;

import dev.switchboard.spi.chat.Usage;
import io.vertx.core.Future;

/**
 * A streaming request as its front door follows it: started, then finished. The stream may still
 * be waiting for its route's decision (a blocking or asynchronous router) when a front door gets it.
 */
public interface StreamHandle {

    /** Completes when the stream is committed to a model; fails (nothing sent) when none could start. */
    Future<Void> started();

    /**
     * Completes with the final usage when the stream ended normally; fails when it broke, with
     * {@link ClientCancelledException} when the client went away.
     */
    Future<Usage> finished();
}
