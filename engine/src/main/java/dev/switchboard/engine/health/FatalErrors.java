package dev.switchboard.engine.health;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the first {@link OutOfMemoryError} seen: after one, any thread may have lost work half
 * done, so the process is no longer trusted (liveness and readiness fail until it is restarted).
 * {@link #JVM} is fed by the engine's hooks (Vert.x context exceptions, uncaught exceptions and the
 * error mapper); tests make instances of their own.
 */
public final class FatalErrors {
    /** The process-wide instance: an OutOfMemoryError concerns the whole JVM, whichever node saw it. */
    public static final FatalErrors JVM = new FatalErrors();

    private final AtomicReference<String> first = new AtomicReference<>();

    /** Records {@code t} if it, or any of its causes, is an OutOfMemoryError; returns whether it was one. */
    public boolean record(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                first.compareAndSet(null, "OutOfMemoryError: " + c.getMessage());
                return true;
            }
        }
        return false;
    }

    /** The first fatal error seen, or null. */
    public String first() {
        return first.get();
    }
}
