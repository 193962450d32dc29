package dev.switchboard.tests.providers;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fake answers, decided the same way for every provider from what it understood of the
 * request: the final answer when the conversation ends in a tool result, a tool call when tools are
 * offered and the user spoke last (preceded by {@link #PREAMBLE} text when the user asks to
 * "explain", as models often do), a JSON object in JSON mode, else an echo of the user's text.
 *
 * @param text     the answer text; for a tool call the text before it, or null
 * @param toolName the called function, or null for text
 * @param toolArgs the call's arguments, or null for text
 */
record Reply(String text, String toolName, JsonObject toolArgs) {
    /** The city every tool call asks about. */
    static final JsonObject TOOL_ARGS = new JsonObject().put("city", "Paris");
    /** The text a tool call comes with when the user asks to explain. */
    static final String PREAMBLE = "Let me check that. ";

    /**
     * What the fake understood of a request, in provider-neutral terms.
     *
     * @param lastUserText the text of the last user turn
     * @param images       images in the last user turn
     * @param firstTool    the first offered function's name, or null when there are no tools
     * @param toolResult   the text of the tool result the conversation ends with, or null
     * @param jsonMode     whether the request asks for JSON output
     */
    record Understood(String lastUserText, int images, String firstTool, String toolResult, boolean jsonMode) {
    }

    static Reply to(Understood u) {
        if (u.toolResult() != null) {
            return text("final: " + u.toolResult());
        }
        if (u.firstTool() != null) {
            return new Reply(u.lastUserText().contains("explain") ? PREAMBLE : null, u.firstTool(), TOOL_ARGS);
        }
        if (u.jsonMode()) {
            return text(new JsonObject().put("echo", u.lastUserText()).encode());
        }
        return text(echo(u.lastUserText(), u.images()));
    }

    /** The echo the fakes answer to plain text: {@code echo: <text>}, plus the image count when there are images. */
    static String echo(String userText, int images) {
        return "echo: " + userText + (images > 0 ? " [" + images + " image(s)]" : "");
    }

    static Reply text(String text) {
        return new Reply(text, null, null);
    }

    boolean isToolCall() {
        return toolName != null;
    }

    boolean hasText() {
        return text != null;
    }

    /** The text cut into word-sized pieces (each keeps its trailing space), for streaming; none without text. */
    List<String> pieces() {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String p : text.split("(?<= )")) {
            out.add(p);
        }
        return out;
    }
}
