package dev.switchboard.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

    @Test
    void emptyHistogramAnswersZero() {
        assertEquals(0, new LatencyBuckets().percentile(0.5));
    }

    @Test
    void percentilesAreWithinFivePercent() {
        LatencyBuckets b = new LatencyBuckets();
        for (int i = 1; i <= 1000; i++) {
            b.record(i);
        }
        assertEquals(1000, b.count());
        assertEquals(500, b.percentile(0.50), 500 * 0.05);
        assertEquals(950, b.percentile(0.95), 950 * 0.05);
        assertEquals(1000, b.percentile(1.0), 0.0001, "the maximum is exact: clamped to the largest value seen");
    }

    @Test
    void aSingleValueIsExact() {
        LatencyBuckets b = new LatencyBuckets();
        b.record(1234);
        assertEquals(1234, b.percentile(0.5));
        assertEquals(1234, b.percentile(0.95));
    }

    @Test
    void hugeAndNegativeValuesAreKept() {
        LatencyBuckets b = new LatencyBuckets();
        b.record(-5);
        b.record(10L * 3_600_000);
        assertTrue(b.percentile(0.5) <= 1, "negative counts as 0 ms, in the first (0..1 ms) bucket");
        assertEquals(10L * 3_600_000, b.percentile(1.0));
    }

    @Test
    void bucketsGrowMonotonically() {
        int last = 0;
        for (long ms = 1; ms < 5_000_000; ms = ms * 11 / 10 + 1) {
            int i = LatencyBuckets.index(ms);
            assertTrue(i >= last, "index of " + ms);
            assertTrue(Math.pow(1.05, i) >= ms || i == LatencyBuckets.index(Long.MAX_VALUE), "upper bound covers " + ms);
            last = i;
        }
    }

    @Test
    void quantileOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LatencyBuckets().percentile(0));
    }
}
