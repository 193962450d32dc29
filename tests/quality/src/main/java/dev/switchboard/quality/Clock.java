package dev.switchboard.quality;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Wall and CPU time of the current thread, for decision timings. */
public final class Clock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Clock() {
    }

    /** CPU time of the current thread in nanoseconds, or -1 when the JVM cannot tell. */
    public static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
