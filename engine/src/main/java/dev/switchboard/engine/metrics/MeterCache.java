package dev.switchboard.engine.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters cached by their label values, one map level per label, so that finding the meters of a
 * request allocates nothing (no key object, no formatted string): only a label set seen for the
 * first time creates and registers them. At most {@code maxSeries} label sets get meters of their
 * own; beyond that {@code overflow} answers (e.g. the meters labelled {@code other}), so the series
 * on {@code /metrics} stay bounded whatever a label's values turn out to be.
 *
 * @param <M> the meters of one label set (a counter, or a holder of several)
 */
final class MeterCache<M> {
    /** Label sets remembered as overflowing, beyond which they are answered without being remembered (memory bound). */
    private static final int MAX_REMEMBERED = 10_000;

    private final ConcurrentHashMap<String, Object> root = new ConcurrentHashMap<>();
    private final Function<String[], M> create;
    private final Function<String[], M> overflow;
    private final int maxSeries;
    private int series;
    private int remembered;

    /**
     * @param maxSeries label sets that get meters of their own
     * @param create    registers the meters of a label set (values in label order)
     * @param overflow  the meters of a label set beyond the cap (values in label order)
     */
    MeterCache(int maxSeries, Function<String[], M> create, Function<String[], M> overflow) {
        this.maxSeries = maxSeries;
        this.create = create;
        this.overflow = overflow;
    }

    /** Meters without a cap. */
    static <M> MeterCache<M> unbounded(Function<String[], M> create) {
        return new MeterCache<>(Integer.MAX_VALUE, create, create);
    }

    /** The meters of a one-label set. */
    @SuppressWarnings("unchecked")
    M get(String a) {
        Object m = root.get(a);
        return m != null ? (M) m : slow(new String[] {a});
    }

    /** The meters of a two-label set. */
    @SuppressWarnings("unchecked")
    M get(String a, String b) {
        ConcurrentHashMap<String, Object> level = child(root, a);
        Object m = level == null ? null : level.get(b);
        return m != null ? (M) m : slow(new String[] {a, b});
    }

    /** The meters of a three-label set. */
    @SuppressWarnings("unchecked")
    M get(String a, String b, String c) {
        ConcurrentHashMap<String, Object> level = child(child(root, a), b);
        Object m = level == null ? null : level.get(c);
        return m != null ? (M) m : slow(new String[] {a, b, c});
    }

    /** The meters of a four-label set. */
    @SuppressWarnings("unchecked")
    M get(String a, String b, String c, String d) {
        ConcurrentHashMap<String, Object> level = child(child(child(root, a), b), c);
        Object m = level == null ? null : level.get(d);
        return m != null ? (M) m : slow(new String[] {a, b, c, d});
    }

    /** How many label sets have meters of their own. */
    synchronized int series() {
        return series;
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentHashMap<String, Object> child(ConcurrentHashMap<String, Object> parent, String value) {
        return parent == null ? null : (ConcurrentHashMap<String, Object>) parent.get(value);
    }

    /**
     * A label set not seen before: created under the lock, so the cap is exact across event loops;
     * the maps on its path are made only when it is remembered.
     */
    @SuppressWarnings("unchecked")
    private synchronized M slow(String[] values) {
        ConcurrentHashMap<String, Object> level = root;
        for (int i = 0; i < values.length - 1 && level != null; i++) {
            level = child(level, values[i]);
        }
        String last = values[values.length - 1];
        Object found = level == null ? null : level.get(last);
        if (found != null) {
            return (M) found;
        }
        M made;
        if (series < maxSeries) {
            made = create.apply(values);
            series++;
        } else {
            made = overflow.apply(values);
            if (remembered >= MAX_REMEMBERED) {
                return made;
            }
            remembered++;
        }
        level = root;
        for (int i = 0; i < values.length - 1; i++) {
            level = (ConcurrentHashMap<String, Object>) level.computeIfAbsent(values[i], v -> new ConcurrentHashMap<>());
        }
        level.put(last, made);
        return made;
    }
}
