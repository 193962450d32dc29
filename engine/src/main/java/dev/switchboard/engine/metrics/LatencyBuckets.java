package dev.switchboard.engine.metrics;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with fixed geometric buckets (each 5% wider than the one before,
 * 1 ms to over an hour), so a percentile is within 5% of the true value, costs O(buckets) to read and
 * O(1) to record, and memory stays fixed whatever the traffic. Like HdrHistogram, without the dependency.
 */
final class LatencyBuckets {
    private static final double GROWTH = 1.05;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    /** Upper bound (ms) of bucket i is GROWTH^i; bucket 0 holds 0..1 ms; the last also holds anything longer. */
    private static final int BUCKETS = (int) Math.ceil(Math.log(3_600_000) / LOG_GROWTH) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong();

    void record(long millis) {
        long ms = Math.max(0, millis);
        counts.incrementAndGet(index(ms));
        total.increment();
        min.accumulateAndGet(ms, Math::min);
        max.accumulateAndGet(ms, Math::max);
    }

    long count() {
        return total.sum();
    }

    /**
     * The q-quantile (0 < q <= 1) in ms: the upper bound of the bucket holding the ceil(q*n)-th
     * smallest value, clamped to the observed range; 0 when nothing was recorded.
     */
    double percentile(double q) {
        if (q <= 0 || q > 1) {
            throw new IllegalArgumentException("q must be in (0, 1], got " + q);
        }
        long n = 0;
        long[] snapshot = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            n += snapshot[i];
        }
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        int i = 0;
        for (; i < BUCKETS - 1; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                break;
            }
        }
        double upper = i == BUCKETS - 1 ? max.get() : Math.pow(GROWTH, i); // the last bucket is open-ended
        return Math.max(min.get(), Math.min(max.get(), upper));
    }

    /**
     * The raw figures, so that nodes' histograms add up exactly: {@code {"counts": {"<bucket index>": n, ...},
     * "min": ms, "max": ms}}, empty buckets left out. Every node of one version has the same bucket layout.
     */
    JsonObject export() {
        JsonObject sparse = new JsonObject();
        for (int i = 0; i < BUCKETS; i++) {
            long c = counts.get(i);
            if (c > 0) {
                sparse.put(Integer.toString(i), c);
            }
        }
        long lowest = min.get();
        return new JsonObject().put("counts", sparse).put("min", lowest == Long.MAX_VALUE ? null : lowest).put("max", max.get());
    }

    /** Adds another histogram's {@link #export()} to this one. */
    void absorb(JsonObject exported) {
        JsonObject sparse = exported.getJsonObject("counts", new JsonObject());
        for (String key : sparse.fieldNames()) {
            int i = Integer.parseInt(key);
            long c = sparse.getLong(key);
            if (i < 0 || i >= BUCKETS || c < 0) {
                throw new IllegalArgumentException("latency bucket " + key + " with count " + c + " is out of range");
            }
            counts.addAndGet(i, c);
            total.add(c);
        }
        Long lowest = exported.getLong("min");
        if (lowest != null) {
            min.accumulateAndGet(lowest, Math::min);
        }
        max.accumulateAndGet(exported.getLong("max", 0L), Math::max);
    }

    static int index(long ms) {
        if (ms <= 1) {
            return 0;
        }
        int i = (int) Math.ceil(Math.log(ms) / LOG_GROWTH - 1e-9);
        return Math.min(i, BUCKETS - 1);
    }
}
