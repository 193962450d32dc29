package dev.switchboard.plugins.router.weighted;

/**
 * Weighted rendezvous (highest random weight) hashing: a key goes to the target with the highest
 * score {@code -weight / ln(u)}, where {@code u} is a hash of (key, target) mapped into (0, 1).
 * A target wins a key with probability weight / total, and changing one target's weight (or adding
 * or removing it) only moves keys to or from that target, because every other score is unchanged.
 *
 * <p>The hash is fixed arithmetic (FNV-1a over UTF-16 code units, finished with MurmurHash3's
 * 64-bit mixer), so every node of a cluster and every release send a key to the same target.
 * Changing it would reshuffle every sticky key; a golden test pins it.
 */
final class RendezvousHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

    private RendezvousHash() {
    }

    /** A well-mixed 64-bit hash of the text. */
    static long hash(String text) {
        long h = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return mix(h);
    }

    /**
     * The score of a target for a key.
     *
     * @param keyHash    {@link #hash} of the key
     * @param targetHash {@link #hash} of the target name
     * @param weight     the target's positive weight
     */
    static double score(long keyHash, long targetHash, double weight) {
        long h = mix(keyHash ^ targetHash);
        double u = ((h >>> 11) + 0.5) * TWO_TO_MINUS_53;
        return -weight / Math.log(u);
    }

    /** MurmurHash3's fmix64 finaliser: every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
