package dev.switchboard.spi.routing;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ContentPart;
import dev.switchboard.spi.chat.ToolCall;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Request features computed once per request and handed to the router.
 *
 * <p>The flags are read when the features are built (one walk over the message parts, no text
 * touched). Everything that reads text is computed on first use and kept: the token estimate
 * (BPE costs about 60 µs per KB, more than any router decision) and the user texts. A router that
 * never asks for tokens never pays for them, and a context-window check usually needs no count
 * at all: {@link #inputFits} first compares a cheap upper bound, the UTF-8 length of the texts
 * (a BPE token covers at least one byte), and counts only when that bound does not fit.
 *
 * <p>Built per request and used on one thread; the lazy fields are idempotent, so even a racy
 * second computation gives the same value.
 */
public final class RequestFeatures {

    /** Tokens counted per image part: OpenAI's cost of a high-detail 1024x1024 image (85 + 4 x 170). */
    public static final int TOKENS_PER_IMAGE = 765;
    /** Per-message framing overhead, as in OpenAI's token counting guide. */
    public static final int TOKENS_PER_MESSAGE = 4;
    /** Framing of the reply, as in OpenAI's token counting guide. */
    private static final int TOKENS_PER_REPLY = 3;

    private final ChatRequest request;
    private final ToIntFunction<String> tokenCounter;
    private final boolean hasImages;
    private final int imageCount;
    private final long framingTokens;

    private int estimatedInputTokens = -1;
    private long inputTokenBound = -1;
    private long inputTokenFloor = -1;
    private String lastUserText;
    private String userText;
    private String toolsJson;

    private RequestFeatures(ChatRequest request, ToIntFunction<String> tokenCounter) {
        this.request = request;
        this.tokenCounter = tokenCounter;
        int images = 0;
        for (ChatMessage m : request.messages()) {
            for (ContentPart p : m.parts()) {
                if (p.isImage()) {
                    images++;
                }
            }
        }
        this.imageCount = images;
        this.hasImages = images > 0;
        this.framingTokens = TOKENS_PER_REPLY + (long) TOKENS_PER_MESSAGE * request.messages().size()
                + (long) TOKENS_PER_IMAGE * images;
    }

    /**
     * The features of a request. Cheap: texts are read, and tokens counted, only when asked for.
     *
     * <p>Estimated input tokens = the token count of every message's text (system prompts included)
     * and tool-call names and arguments, plus {@value #TOKENS_PER_MESSAGE} per message, plus
     * {@value #TOKENS_PER_IMAGE} per image, plus the token count of the tool definitions' JSON, plus 3.
     *
     * @param request      the parsed request
     * @param tokenCounter counts the tokens of a text (the engine uses a real BPE tokenizer)
     */
    public static RequestFeatures extract(ChatRequest request, ToIntFunction<String> tokenCounter) {
        return new RequestFeatures(request, tokenCounter);
    }

    /** Any image part (data or http URL) in any message. */
    public boolean hasImages() {
        return hasImages;
    }

    /** Number of image parts. */
    public int imageCount() {
        return imageCount;
    }

    /** The request carries function tools. */
    public boolean hasTools() {
        return request.hasTools();
    }

    /** {@code response_format} asks for JSON. */
    public boolean wantsJson() {
        return request.wantsJson();
    }

    /** The client asked for a stream. */
    public boolean streaming() {
        return request.stream();
    }

    /** {@code max_completion_tokens}/{@code max_tokens}, or null. */
    public Integer requestedMaxOutputTokens() {
        return request.maxTokens();
    }

    /** Requested output tokens, or the given default when the request sets none. */
    public int outputTokensOr(int defaultTokens) {
        Integer requested = request.maxTokens();
        return requested != null ? requested : defaultTokens;
    }

    /**
     * Estimated input tokens of the whole request (see {@link #extract}), counted on the first call.
     * Prefer {@link #inputFits} for a limit check: it usually needs no count.
     */
    public int estimatedInputTokens() {
        if (estimatedInputTokens < 0) {
            long[] sum = {framingTokens};
            eachText(text -> sum[0] += tokenCounter.applyAsInt(text));
            long tokens = sum[0];
            // a counter that extrapolates very long texts could pass the byte bound; the bound is a fact
            estimatedInputTokens = (int) Math.min(Math.min(Integer.MAX_VALUE, tokens), inputTokenBound());
        }
        return estimatedInputTokens;
    }

    /**
     * An upper bound of {@link #estimatedInputTokens()} that costs no tokenizing: the framing, image
     * and message tokens plus the UTF-8 length of every counted text.
     */
    public long inputTokenBound() {
        if (inputTokenBound < 0) {
            bounds();
        }
        return inputTokenBound;
    }

    /**
     * A lower bound of {@link #estimatedInputTokens()} that costs no tokenizing: the framing, image
     * and message tokens plus one per non-empty text. With {@link #inputTokenBound()} it brackets
     * the estimate, enough for a decision that holds over the whole range (a cost ordering of
     * linear prices, for one).
     */
    public long inputTokenFloor() {
        if (inputTokenFloor < 0) {
            bounds();
        }
        return inputTokenFloor;
    }

    private void bounds() {
        long[] bytesAndTexts = {0, 0};
        eachText(text -> {
            long bytes = utf8Length(text);
            bytesAndTexts[0] += bytes;
            bytesAndTexts[1] += bytes > 0 ? 1 : 0;
        });
        inputTokenFloor = framingTokens + bytesAndTexts[1];
        inputTokenBound = framingTokens + bytesAndTexts[0];
    }

    /**
     * Every text the estimate counts, in one place for the count and the bounds: each message's
     * text parts, tool-call names and arguments, and the tool definitions' JSON (encoded once).
     */
    private void eachText(Consumer<String> text) {
        for (ChatMessage m : request.messages()) {
            for (ContentPart p : m.parts()) {
                if (!p.isImage() && p.text() != null) {
                    text.accept(p.text());
                }
            }
            for (ToolCall tc : m.toolCalls()) {
                text.accept(tc.name());
                text.accept(tc.arguments());
            }
        }
        if (request.hasTools()) {
            if (toolsJson == null) {
                toolsJson = request.tools().encode();
            }
            text.accept(toolsJson);
        }
    }

    /**
     * Whether the estimated input tokens are at most {@code limit}; counts tokens only when the
     * cheap {@link #inputTokenBound() bound} exceeds the limit.
     */
    public boolean inputFits(long limit) {
        return inputTokenBound() <= limit || estimatedInputTokens() <= limit;
    }

    /** Whether {@link #estimatedInputTokens()} has been counted already (explanations show it then). */
    public boolean tokensCounted() {
        return estimatedInputTokens >= 0;
    }

    /** Text of the last user message (empty when none). */
    public String lastUserText() {
        if (lastUserText == null) {
            String last = "";
            for (ChatMessage m : request.messages()) {
                if ("user".equals(m.role())) {
                    last = m.text();
                }
            }
            lastUserText = last;
        }
        return lastUserText;
    }

    /** Text of all user messages, newline-joined, system prompts excluded. */
    public String userText() {
        if (userText == null) {
            String single = null;
            StringBuilder joined = null;
            for (ChatMessage m : request.messages()) {
                if (!"user".equals(m.role())) {
                    continue;
                }
                String text = m.text();
                if (single == null || single.isEmpty() && joined == null) {
                    single = text; // one user message, the common case: no copy
                } else {
                    if (joined == null) {
                        joined = new StringBuilder(single.length() + text.length() + 16).append(single);
                    }
                    if (joined.length() > 0) {
                        joined.append('\n');
                    }
                    joined.append(text);
                }
            }
            userText = joined != null ? joined.toString() : single != null ? single : "";
        }
        return userText;
    }

    /** UTF-8 length of a string without encoding it; a lone surrogate counts 3, above its encoded size. */
    static long utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        int n = s.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 ? 1 : 2; // a surrogate pair counts 6, above its 4 bytes
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "RequestFeatures[hasImages=" + hasImages + ", imageCount=" + imageCount + ", hasTools=" + hasTools()
                + ", wantsJson=" + wantsJson() + ", streaming=" + streaming() + ", inputTokens="
                + (tokensCounted() ? estimatedInputTokens : "<=" + inputTokenBound()) + ", maxOutput="
                + requestedMaxOutputTokens() + "]";
    }
}
