package dev.switchboard.spi.routing;

import dev.switchboard.spi.chat.ChatMessage;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ContentPart;
import java.util.function.ToIntFunction;

/**
 * Request features computed once per request and handed to the router.
 *
 * @param hasImages             any image part (data or http URL) in any message
 * @param imageCount            number of image parts
 * @param hasTools              the request carries function tools
 * @param wantsJson             {@code response_format} asks for JSON
 * @param streaming             the client asked for a stream
 * @param estimatedInputTokens  estimated input tokens of the whole request (see {@link #extract})
 * @param requestedMaxOutputTokens {@code max_completion_tokens}/{@code max_tokens}, or null
 * @param lastUserText          text of the last user message (empty when none)
 * @param userText              text of all user messages, newline-joined, system prompts excluded
 */
public record RequestFeatures(
        boolean hasImages,
        int imageCount,
        boolean hasTools,
        boolean wantsJson,
        boolean streaming,
        int estimatedInputTokens,
        Integer requestedMaxOutputTokens,
        String lastUserText,
        String userText) {

    /** Tokens counted per image part: OpenAI's cost of a high-detail 1024x1024 image (85 + 4 x 170). */
    public static final int TOKENS_PER_IMAGE = 765;
    /** Per-message framing overhead, as in OpenAI's token counting guide. */
    public static final int TOKENS_PER_MESSAGE = 4;

    /**
     * Computes the features of a request.
     *
     * <p>Estimated input tokens = the token count of every message's text (system prompts included)
     * and tool-call arguments, plus {@value #TOKENS_PER_MESSAGE} per message, plus
     * {@value #TOKENS_PER_IMAGE} per image, plus the token count of the tool definitions' JSON.
     *
     * @param request      the parsed request
     * @param tokenCounter counts the tokens of a text (the engine uses a real BPE tokenizer)
     */
    public static RequestFeatures extract(ChatRequest request, ToIntFunction<String> tokenCounter) {
        int images = 0;
        long tokens = 3;
        String lastUser = "";
        StringBuilder user = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            tokens += TOKENS_PER_MESSAGE;
            for (ContentPart p : m.parts()) {
                if (p.isImage()) {
                    images++;
                    tokens += TOKENS_PER_IMAGE;
                } else if (p.text() != null) {
                    tokens += tokenCounter.applyAsInt(p.text());
                }
            }
            for (var tc : m.toolCalls()) {
                tokens += tokenCounter.applyAsInt(tc.name()) + tokenCounter.applyAsInt(tc.arguments());
            }
            if ("user".equals(m.role())) {
                String text = m.text();
                lastUser = text;
                if (user.length() > 0) {
                    user.append('\n');
                }
                user.append(text);
            }
        }
        if (request.hasTools()) {
            tokens += tokenCounter.applyAsInt(request.tools().encode());
        }
        return new RequestFeatures(images > 0, images, request.hasTools(), request.wantsJson(), request.stream(),
                (int) Math.min(Integer.MAX_VALUE, tokens), request.maxTokens(), lastUser, user.toString());
    }

    /** Requested output tokens, or the given default when the request sets none. */
    public int outputTokensOr(int defaultTokens) {
        return requestedMaxOutputTokens != null ? requestedMaxOutputTokens : defaultTokens;
    }
}
