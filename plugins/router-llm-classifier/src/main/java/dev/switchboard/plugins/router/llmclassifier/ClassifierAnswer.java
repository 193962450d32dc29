package dev.switchboard.plugins.router.llmclassifier;

import dev.switchboard.spi.chat.ChatResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Collection;

/**
 * Reads the classifier's answer strictly: {@code {"category": "<one of the names>"}} (that one
 * field, surrounding whitespace allowed) or the bare name exactly. Anything else is a
 * {@link BadAnswerException}: the route's fallback router decides then, and the engine says so.
 */
final class ClassifierAnswer {
    /** How much of a bad answer an error quotes. */
    private static final int QUOTED = 80;

    private ClassifierAnswer() {
    }

    /** The category the answer names. */
    static String category(ChatResponse answer, Collection<String> names, String classifier) {
        if (answer.choices().isEmpty() || answer.choices().get(0).content() == null
                || answer.choices().get(0).content().isBlank()) {
            throw new BadAnswerException("classifier '" + classifier + "' answered no text; expected {\"category\": \"<"
                    + String.join("|", names) + ">\"}");
        }
        String text = answer.choices().get(0).content().strip();
        if (names.contains(text)) {
            return text;
        }
        String name = text.startsWith("{") ? field(text) : null;
        if (name == null || !names.contains(name)) {
            String quoted = text.length() > QUOTED ? text.substring(0, QUOTED) + "..." : text;
            throw new BadAnswerException("classifier '" + classifier + "' answered '" + quoted + "', which is not {\"category\":"
                    + " \"<one of " + String.join(", ", names) + ">\"} nor one of those names");
        }
        return name;
    }

    /** The {@code category} string of a one-field JSON object, else null. */
    private static String field(String text) {
        try {
            JsonObject json = new JsonObject(text);
            return json.size() == 1 && json.getValue("category") instanceof String s ? s : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    /** The classifier answered outside the closed list: the route's fallback decides. */
    static final class BadAnswerException extends RuntimeException {
        BadAnswerException(String message) {
            super(message, null, false, false);
        }
    }
}
