package dev.switchboard.engine.quality;

import dev.switchboard.config.SwitchboardConfig.Escalation;
import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.ChatResponse;
import dev.switchboard.spi.chat.ToolCall;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Tells a poor answer from a good one for a route's {@code escalation}: which of its signals an
 * answer shows, if any. Pure and allocation-light (it runs on the event loop for every answer of
 * a route that has escalation); immutable, so one instance serves every request of the route.
 */
public final class PoorResult {
    /** How far into the content a refusal phrase is looked for. */
    static final int REFUSAL_WINDOW = 200;

    private final Escalation policy;

    public PoorResult(Escalation policy) {
        this.policy = policy;
    }

    /** The route's escalation settings. */
    public Escalation policy() {
        return policy;
    }

    /** Whether a stream that ended before any content or tool call is poor ({@code empty} is listed). */
    public boolean escalatesEmptyStreams() {
        return policy.on(Escalation.EMPTY);
    }

    /**
     * The first listed signal the answer shows, in {@link Escalation#SIGNALS} order, or null when it
     * shows none. Only the first choice is judged (the one clients read).
     *
     * @param request the request it answers (its {@code tools} are what tool calls are checked against)
     */
    public String signal(ChatRequest request, ChatResponse answer) {
        if (answer.choices().isEmpty()) {
            return policy.on(Escalation.EMPTY) ? Escalation.EMPTY : null;
        }
        ChatResponse.Choice c = answer.choices().get(0);
        if (policy.on(Escalation.EMPTY) && empty(c)) {
            return Escalation.EMPTY;
        }
        if (policy.on(Escalation.TRUNCATED) && truncated(c, policy.minChars())) {
            return Escalation.TRUNCATED;
        }
        if (policy.on(Escalation.INVALID_TOOL_CALL) && invalidToolCall(c.toolCalls(), request.tools())) {
            return Escalation.INVALID_TOOL_CALL;
        }
        if (policy.on(Escalation.REFUSAL) && refusal(c.content(), policy.refusalPhrases())) {
            return Escalation.REFUSAL;
        }
        return null;
    }

    /** No content (none, or only white space) and no tool call. */
    static boolean empty(ChatResponse.Choice c) {
        return c.toolCalls().isEmpty() && (c.content() == null || c.content().isBlank());
    }

    /** Cut by the output limit ({@code finish_reason: length}) with fewer than {@code minChars} characters of content. */
    static boolean truncated(ChatResponse.Choice c, int minChars) {
        return "length".equals(c.finishReason()) && (c.content() == null ? 0 : c.content().strip().length()) < minChars;
    }

    /**
     * A tool call that cannot be run: it names a function the request did not offer, its arguments
     * are not a JSON object, or they lack a field the function's parameters schema marks
     * {@code required}.
     */
    static boolean invalidToolCall(List<ToolCall> calls, JsonArray tools) {
        for (ToolCall call : calls) {
            JsonObject function = offered(tools, call.name());
            if (function == null) {
                return true;
            }
            JsonObject args = arguments(call.arguments());
            if (args == null || !hasRequired(args, function.getValue("parameters"))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code function} object of the offered tool named {@code name}, or null. */
    private static JsonObject offered(JsonArray tools, String name) {
        if (tools == null || name == null) {
            return null;
        }
        for (Object t : tools) {
            if (t instanceof JsonObject tool && tool.getValue("function") instanceof JsonObject f && name.equals(f.getValue("name"))) {
                return f;
            }
        }
        return null;
    }

    /** The arguments as a JSON object ({@code ""} counts as {@code {}}, as OpenAI's clients read it), or null when they are not one. */
    private static JsonObject arguments(String raw) {
        if (raw == null || raw.isBlank()) {
            return new JsonObject();
        }
        try {
            return Json.decodeValue(raw) instanceof JsonObject o ? o : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static boolean hasRequired(JsonObject args, Object schema) {
        if (!(schema instanceof JsonObject s) || !(s.getValue("required") instanceof JsonArray required)) {
            return true;
        }
        for (Object field : required) {
            if (field instanceof String name && !args.containsKey(name)) {
                return false;
            }
        }
        return true;
    }

    /** The content opens, within its first {@value #REFUSAL_WINDOW} characters, with one of the (lower-case) phrases. */
    static boolean refusal(String content, List<String> phrases) {
        if (content == null) {
            return false;
        }
        String head = content.strip();
        head = head.substring(0, Math.min(head.length(), REFUSAL_WINDOW)).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        for (String p : phrases) {
            if (head.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
