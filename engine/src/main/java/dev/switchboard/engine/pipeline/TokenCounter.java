package dev.switchboard.engine.pipeline;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit, OpenAI's cl100k_base), so routing features
 * hold for code and non-Latin text where a characters/4 guess is far off. Thread-safe.
 *
 * <p>BPE costs about 60 µs per KB here, so counts of longer texts are memoised: a chat client
 * resends the whole conversation every turn, and only the new message needs counting. The memo is
 * bounded by total characters and simply cleared when full.
 *
 * <p>The encoding is loaded once per JVM, on a thread of its own ({@link #preload()}): building
 * cl100k_base's 100k-entry rank table takes 0.3-1 s of CPU, which start-up overlaps with loading
 * plugins and starting Vert.x (and Hazelcast) instead of waiting for it.
 */
public final class TokenCounter {
    /** Texts beyond this many chars are counted on a prefix and extrapolated: bounded cost per request. */
    static final int EXACT_LIMIT = 262_144;
    /** Shorter texts are counted every time (a lookup would cost about as much). */
    static final int MEMO_MIN_CHARS = 64;
    static final long MEMO_MAX_CHARS = 16L * 1024 * 1024;

    /** cl100k_base, loading or loaded; null until {@link #preload()}. */
    private static volatile CompletableFuture<Encoding> cl100k;

    private final Encoding encoding;
    private final boolean memo;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong memoChars = new AtomicLong();

    /** With the memo; blocks until the encoding is loaded (call it off the event loop). */
    public TokenCounter() {
        this(true);
    }

    /** @param memo whether to memoise counts of longer texts (benchmarks measure both); blocks like {@link #TokenCounter()} */
    public TokenCounter(boolean memo) {
        this(preload().join(), memo);
    }

    private TokenCounter(Encoding encoding, boolean memo) {
        this.encoding = encoding;
        this.memo = memo;
    }

    /**
     * Starts loading the encoding on a daemon thread, once per JVM; later calls return the same
     * future. Only cl100k_base is built: jtokkit's default registry builds all five encodings
     * (r50k, p50k, p50k_edit, cl100k, o200k), four of them never used, which tripled start-up's cost.
     */
    public static CompletableFuture<Encoding> preload() {
        CompletableFuture<Encoding> f = cl100k;
        if (f == null) {
            synchronized (TokenCounter.class) {
                f = cl100k;
                if (f == null) {
                    CompletableFuture<Encoding> loading = new CompletableFuture<>();
                    Thread t = new Thread(() -> {
                        try {
                            loading.complete(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE));
                        } catch (RuntimeException | Error e) {
                            loading.completeExceptionally(e);
                        }
                    }, "switchboard-tokenizer-load");
                    t.setDaemon(true);
                    t.start();
                    cl100k = f = loading;
                }
            }
        }
        return f;
    }

    /** A counter with the memo once the encoding is loaded; never blocks. */
    public static CompletableFuture<TokenCounter> load() {
        return preload().thenApply(e -> new TokenCounter(e, true));
    }

    /** The token count of a text. */
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (!memo || text.length() < MEMO_MIN_CHARS) {
            return exact(text);
        }
        Integer known = counts.get(text);
        if (known != null) {
            return known;
        }
        int n = exact(text);
        if (memoChars.addAndGet(text.length()) > MEMO_MAX_CHARS) {
            counts.clear();
            memoChars.set(text.length());
        }
        counts.put(text, n);
        return n;
    }

    private int exact(String text) {
        if (text.length() <= EXACT_LIMIT) {
            return encoding.countTokensOrdinary(text);
        }
        int prefix = encoding.countTokensOrdinary(text.substring(0, EXACT_LIMIT));
        return (int) Math.min(Integer.MAX_VALUE, (long) prefix * text.length() / EXACT_LIMIT);
    }
}
