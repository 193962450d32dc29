package dev.switchboard.engine.pipeline;

import dev.switchboard.engine.resilience.StreamHandle;
import dev.switchboard.engine.resilience.StreamRun;
import dev.switchboard.spi.chat.Usage;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** A stream whose route decides later: it follows the {@link StreamRun} started once the plan is there. */
final class DeferredStream implements StreamHandle {
    private final Promise<Void> started = Promise.promise();
    private final Promise<Usage> finished = Promise.promise();

    @Override
    public Future<Void> started() {
        return started.future();
    }

    @Override
    public Future<Usage> finished() {
        return finished.future();
    }

    /** Follows the run that started. */
    void follow(StreamRun run) {
        run.started().onComplete(started);
        run.finished().onComplete(finished);
    }

    /** The stream could not be planned: nothing was sent. */
    void fail(Throwable t) {
        started.tryFail(t);
        finished.tryFail(t);
    }
}
