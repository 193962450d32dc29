package dev.switchboard.engine.health;

import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Ticks on one event loop: a loop that runs no timer for longer than its period plus the threshold is
 * blocked (a long task, a deadlock, a stop-the-world pause). Reading the lag is lock-free from any loop.
 */
public final class LoopProbe {
    private final long periodMs;
    private final Consumer<LoopProbe> onStop;
    private volatile long lastTick = System.nanoTime();
    private Vertx vertx;
    private long timer = -1;

    LoopProbe(long periodMs, Consumer<LoopProbe> onStop) {
        this.periodMs = periodMs;
        this.onStop = onStop;
    }

    /** Starts ticking on the caller's event loop. */
    public void start(Vertx vertx) {
        this.vertx = vertx;
        lastTick = System.nanoTime();
        timer = vertx.setPeriodic(periodMs, id -> lastTick = System.nanoTime());
    }

    /** How long past its period the loop has run no tick, in ms (0 when on time). */
    long lagMs() {
        return Math.max(0, (System.nanoTime() - lastTick) / 1_000_000 - periodMs);
    }

    /** Stops ticking and leaves the health checks. */
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        onStop.accept(this);
    }
}
