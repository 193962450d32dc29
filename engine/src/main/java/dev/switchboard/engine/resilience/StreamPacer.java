package dev.switchboard.engine.resilience;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;

/**
 * The pace of one upstream stream after its first content chunk: pauses the upstream response
 * while the sink is full and resumes it when the sink drains, and reports a stall when the
 * upstream itself stays silent for the stall timeout.
 *
 * <p>Paused is not stalled: the stall clock counts only time spent reading. While paused the
 * upstream cannot send, so the clock stops, and it restarts at the resume. One timer per stream,
 * not one per chunk: it fires, looks at how long ago the last data came, and either reports the
 * stall or sleeps for the rest of the period. Event-loop confined.
 */
final class StreamPacer {
    private final Vertx vertx;
    private final long stallMs;
    private final Runnable onStall;
    private HttpClientResponse response;
    private boolean paused;
    private boolean stopped;
    /** Nanos of the last data (or of the last resume). */
    private long lastData;
    private long timer = -1;

    /**
     * @param stallMs the longest silence of a stream being read
     * @param onStall called once when the upstream stalled
     */
    StreamPacer(Vertx vertx, long stallMs, Runnable onStall) {
        this.vertx = vertx;
        this.stallMs = stallMs;
        this.onStall = onStall;
    }

    /** Starts pacing {@code upstream}: the stall clock runs from now. */
    void start(HttpClientResponse upstream) {
        response = upstream;
        lastData = System.nanoTime();
        timer = vertx.setTimer(stallMs, id -> check());
    }

    /** Data the stall clock counts arrived (a chunk, forwarded events; not keep-alive comments). */
    void data() {
        lastData = System.nanoTime();
    }

    /** After an upstream read: pauses the upstream while {@code sink} is full. */
    void afterRead(StreamSink sink) {
        if (response != null && !paused && !stopped && sink.writeQueueFull()) {
            paused = true;
            response.pause();
            sink.drainHandler(this::resume);
        }
    }

    /** Stops the clock (the stream ended either way). */
    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void resume() {
        if (stopped || !paused) {
            return;
        }
        paused = false;
        lastData = System.nanoTime(); // the upstream could not send while we did not read
        response.resume();
    }

    private void check() {
        if (stopped) {
            return;
        }
        long idleMs = paused ? 0 : (System.nanoTime() - lastData) / 1_000_000;
        if (idleMs >= stallMs) {
            stopped = true;
            onStall.run();
        } else {
            timer = vertx.setTimer(Math.max(1, stallMs - idleMs), id -> check());
        }
    }
}
