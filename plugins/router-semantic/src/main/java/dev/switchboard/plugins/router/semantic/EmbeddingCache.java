package dev.switchboard.plugins.router.semantic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded least-recently-used map from a text's hash (the first 128 bits of its SHA-256, so no
 * request text is kept) to its embedding. Thread-safe; the lock is held for the map operation
 * only, never while a text is embedded (two threads missing the same text both embed it, once).
 */
final class EmbeddingCache {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EmbeddingCache::sha256);

    /** A text's hash. */
    record Key(long high, long low) {
    }

    private final int capacity;
    private final Map<Key, float[]> map;
    private long hits;
    private long misses;

    /** @param capacity the most embeddings kept; 0 turns the cache off */
    EmbeddingCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    /** The embedding of the text: cached, or computed with {@code embed} and cached. */
    float[] get(String text, Function<String, float[]> embed) {
        if (capacity == 0) {
            return embed.apply(text);
        }
        Key key = key(text);
        float[] v;
        synchronized (this) {
            v = map.get(key);
            if (v != null) {
                hits++;
                return v;
            }
            misses++;
        }
        v = embed.apply(text);
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
