package dev.switchboard.toolkit.routing;

import dev.switchboard.spi.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What is embedded for one request: the last user turn and up to {@code historyTurns} earlier user
 * turns (newest first), each cut to {@code maxChars} (its head and tail halves, where an ask
 * usually stands), with weights: 1 for the last turn, {@code historyWeight}^n for the turn n back.
 * System prompts and assistant turns are not embedded: they say who the assistant is, not what the
 * user asks. Blank turns are skipped. Shared by routers that read the user's text (the {@code semantic}
 * router embeds it, the {@code llm-classifier} router puts it in its prompt).
 *
 * @param texts         the texts to embed, the last user turn first
 * @param weights       their weights
 * @param lastTurnChars the length of the last user turn as sent
 */
public record QueryWindow(List<String> texts, double[] weights, int lastTurnChars) {

    /** The window of a conversation. */
    public static QueryWindow of(List<ChatMessage> messages, int historyTurns, double historyWeight, int maxChars) {
        List<String> texts = new ArrayList<>(1 + historyTurns);
        List<Double> weights = new ArrayList<>(1 + historyTurns);
        int lastChars = 0;
        double weight = 1;
        for (int i = messages.size() - 1; i >= 0 && texts.size() <= historyTurns; i--) {
            ChatMessage m = messages.get(i);
            if (!"user".equals(m.role())) {
                continue;
            }
            String text = m.text().strip();
            if (texts.isEmpty() && weights.isEmpty()) {
                lastChars = text.length();
                if (text.isEmpty()) {
                    return new QueryWindow(List.of(), new double[0], 0); // the ask itself has no text
                }
            } else if (text.isEmpty()) {
                continue;
            }
            texts.add(cut(text, maxChars));
            weights.add(weight);
            weight *= historyWeight;
        }
        return new QueryWindow(List.copyOf(texts), weights.stream().mapToDouble(Double::doubleValue).toArray(), lastChars);
    }

    /** The window as one text, for a cache key: one turn is itself, several are joined by NUL characters. */
    public String key() {
        return texts.size() == 1 ? texts.get(0) : String.join("\u0000", texts);
    }

    /** Whether there is nothing to embed (no user text in the last user turn). */
    public boolean empty() {
        return texts.isEmpty();
    }

    /** Whether the last turn was cut to fit the window. */
    public boolean cut() {
        return !texts.isEmpty() && texts.get(0).length() < lastTurnChars;
    }

    /** Earlier turns in the window. */
    public int earlierTurns() {
        return Math.max(0, texts.size() - 1);
    }

    /** The text, or its first and last {@code maxChars / 2} characters joined by a newline. */
    public static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int half = maxChars / 2;
        int headEnd = half;
        int tailStart = text.length() - (maxChars - half);
        if (Character.isHighSurrogate(text.charAt(headEnd - 1))) {
            headEnd--; // never split a surrogate pair
        }
        if (Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return text.substring(0, headEnd) + "\n" + text.substring(tailStart);
    }
}
