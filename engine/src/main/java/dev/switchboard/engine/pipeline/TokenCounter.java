package dev.switchboard.engine.pipeline;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit, OpenAI's cl100k_base), so routing features
 * hold for code and non-Latin text where a characters/4 guess is far off. Thread-safe.
 */
public final class TokenCounter {
    /** Texts beyond this many chars are counted on a prefix and extrapolated: bounded cost per request. */
    static final int EXACT_LIMIT = 262_144;
    private final Encoding encoding;

    /** Loads the encoding (tens of milliseconds, once at start-up). */
    public TokenCounter() {
        this.encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    /** The token count of a text. */
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() <= EXACT_LIMIT) {
            return encoding.countTokensOrdinary(text);
        }
        int prefix = encoding.countTokensOrdinary(text.substring(0, EXACT_LIMIT));
        return (int) Math.min(Integer.MAX_VALUE, (long) prefix * text.length() / EXACT_LIMIT);
    }
}
