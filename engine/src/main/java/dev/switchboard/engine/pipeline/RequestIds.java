package dev.switchboard.engine.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: short, unique enough to grep logs across nodes. */
public final class RequestIds {
    private RequestIds() {
    }

    /** A new id like {@code req-5f2a9c0d1e3b4a7c}. */
    public static String next() {
        return "req-" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
