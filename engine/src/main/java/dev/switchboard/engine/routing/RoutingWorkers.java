package dev.switchboard.engine.routing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that runs blocking routers and the {@code executeBlocking} work of asynchronous
 * ones ({@code routing.worker-pool-size} threads of a dedicated Vert.x worker executor), never an
 * event loop. At most {@code routing.worker-queue} calls wait for a thread: a call beyond that is
 * rejected at once with {@link QueueFullException}, so a slow router sheds load onto its route's
 * fallback instead of piling up requests behind it.
 */
public final class RoutingWorkers {
    /** The name of the worker executor (its threads are {@code switchboard-routing-N}). */
    static final String POOL_NAME = "switchboard-routing";
    /** A routing call longer than this is reported by Vert.x's blocked-thread checker. */
    private static final long MAX_EXECUTE_SECONDS = 60;

    private final WorkerExecutor executor;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();

    private RoutingWorkers(WorkerExecutor executor, int capacity) {
        this.executor = executor;
        this.capacity = capacity;
    }

    /**
     * @param size  threads ({@code routing.worker-pool-size})
     * @param queue calls that may wait for a thread ({@code routing.worker-queue})
     */
    public static RoutingWorkers create(Vertx vertx, int size, int queue) {
        if (size < 1 || queue < 0) {
            throw new IllegalArgumentException("size must be at least 1 and queue at least 0, got " + size + " and " + queue);
        }
        return new RoutingWorkers(vertx.createSharedWorkerExecutor(POOL_NAME, size, MAX_EXECUTE_SECONDS, TimeUnit.SECONDS), size + queue);
    }

    /**
     * Runs {@code work} on the pool; the future completes on the caller's context.
     *
     * @return the work's result; fails at once with {@link QueueFullException} when every thread is
     *         busy and the queue is full
     */
    public <T> Future<T> submit(Callable<T> work) {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            return Future.failedFuture(new QueueFullException(capacity));
        }
        return executor.executeBlocking(work, false).onComplete(ar -> admitted.decrementAndGet());
    }

    /** Calls running or waiting now. */
    public int inFlight() {
        return admitted.get();
    }

    /** Releases the pool's threads. */
    public Future<Void> close() {
        return executor.close();
    }

    /** The pool and its queue are full: the call was not started. */
    public static final class QueueFullException extends RuntimeException {
        QueueFullException(int capacity) {
            super("the routing worker pool is full (" + capacity + " calls running or queued; raise routing.worker-pool-size "
                    + "or routing.worker-queue)", null, false, false);
        }
    }
}
