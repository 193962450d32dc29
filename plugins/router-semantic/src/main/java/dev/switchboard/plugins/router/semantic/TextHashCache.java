package dev.switchboard.plugins.router.semantic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded least-recently-used map from a text's hash (the first 128 bits of its SHA-256, so no
 * request text is kept) to what was computed from the text: its embedding, or a route's ranking. Thread-safe; the lock is held for the map operation
 * only, never while a text is embedded (two threads missing the same text both embed it, once).
 */
final class TextHashCache<V> {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TextHashCache::sha256);

    /** A text's hash. */
    record Key(long high, long low) {
    }

    private final int capacity;
    private final Map<Key, V> map;
    private long hits;
    private long misses;

    /** @param capacity the most entries kept; 0 turns the cache off */
    TextHashCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > TextHashCache.this.capacity;
            }
        };
    }

    /** The value of the text: cached, or computed with {@code compute} and cached. */
    V get(String text, Function<String, V> compute) {
        if (capacity == 0) {
            return compute.apply(text);
        }
        Key key = key(text);
        V v;
        synchronized (this) {
            v = map.get(key);
            if (v != null) {
                hits++;
                return v;
            }
            misses++;
        }
        v = compute.apply(text);
        synchronized (this) {
            map.put(key, v);
        }
        return v;
    }

    /** Hits and misses so far, e.g. {@code [3, 7]}. */
    synchronized long[] counts() {
        return new long[] {hits, misses};
    }

    /** Entries held now. */
    synchronized int size() {
        return map.size();
    }

    static Key key(String text) {
        byte[] d = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (d[i] & 0xff);
            low = low << 8 | (d[i + 8] & 0xff);
        }
        return new Key(high, low);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
