package dev.switchboard.engine.pipeline;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit, OpenAI's cl100k_base), so routing features
 * hold for code and non-Latin text where a characters/4 guess is far off. Thread-safe.
 *
 * <p>BPE costs about 60 µs per KB here, so counts of longer texts are memoised: a chat client
 * resends the whole conversation every turn, and only the new message needs counting. The memo is
 * bounded by total characters and simply cleared when full.
 */
public final class TokenCounter {
    /** Texts beyond this many chars are counted on a prefix and extrapolated: bounded cost per request. */
    static final int EXACT_LIMIT = 262_144;
    /** Shorter texts are counted every time (a lookup would cost about as much). */
    static final int MEMO_MIN_CHARS = 64;
    static final long MEMO_MAX_CHARS = 16L * 1024 * 1024;

    private final Encoding encoding;
    private final boolean memo;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong memoChars = new AtomicLong();

    /** Loads the encoding (tens of milliseconds, once at start-up), with the memo. */
    public TokenCounter() {
        this(true);
    }

    /** @param memo whether to memoise counts of longer texts (benchmarks measure both) */
    public TokenCounter(boolean memo) {
        this.encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        this.memo = memo;
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
