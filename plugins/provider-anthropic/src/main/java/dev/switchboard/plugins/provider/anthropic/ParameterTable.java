package dev.switchboard.plugins.provider.anthropic;

import dev.switchboard.spi.chat.ChatRequest;
import dev.switchboard.spi.chat.InvalidRequestException;
import dev.switchboard.spi.model.ModelDescriptor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The plain request parameters as a table: where each value comes from in the OpenAI request,
 * where it goes in the Anthropic body (a dotted path for nested fields), and the range Anthropic
 * accepts. One interpreter applies every row; values out of range are rejected, never clamped.
 */
final class ParameterTable {

    /**
     * One row.
     *
     * @param param  the OpenAI field, named in errors
     * @param target the Anthropic field; {@code a.b} puts {@code b} inside object {@code a}
     * @param source reads the value; null means "not set", and nothing is written
     * @param min    lowest accepted value for numbers, or null
     * @param max    highest accepted value for numbers, or null
     */
    record Rule(String param, String target, BiFunction<ChatRequest, ModelDescriptor, Object> source, Double min, Double max) {

        static Rule of(String param, String target, BiFunction<ChatRequest, ModelDescriptor, Object> source) {
            return new Rule(param, target, source, null, null);
        }

        Rule range(double low, double high) {
            return new Rule(param, target, source, low, high);
        }
    }

    /** OpenAI Chat Completions to Anthropic Messages. */
    static final List<Rule> ANTHROPIC = List.of(
            // Anthropic requires max_tokens; the model's limit stands in when the client set none.
            Rule.of("max_tokens", "max_tokens", (r, m) -> r.maxTokens() != null ? r.maxTokens() : m.maxOutputTokens()),
            // OpenAI allows up to 2; Anthropic up to 1.
            Rule.of("temperature", "temperature", (r, m) -> r.temperature()).range(0, 1),
            Rule.of("top_p", "top_p", (r, m) -> r.topP()).range(0, 1),
            Rule.of("stop", "stop_sequences", (r, m) -> r.stop().isEmpty() ? null : new JsonArray(new ArrayList<>(r.stop()))),
            Rule.of("user", "metadata.user_id", (r, m) -> r.user()),
            Rule.of("stream", "stream", (r, m) -> r.stream() ? Boolean.TRUE : null));

    private ParameterTable() {
    }

    /**
     * Applies the rules to {@code body}.
     *
     * @throws InvalidRequestException when a number is outside its rule's range
     */
    static void apply(List<Rule> rules, ChatRequest request, ModelDescriptor model, JsonObject body) {
        for (Rule rule : rules) {
            Object value = rule.source().apply(request, model);
            if (value != null) {
                checkRange(rule, value);
                put(body, rule.target(), value);
            }
        }
    }

    private static void checkRange(Rule rule, Object value) {
        if (!(value instanceof Number)) {
            return;
        }
        double d = ((Number) value).doubleValue();
        if ((rule.min() != null && d < rule.min()) || (rule.max() != null && d > rule.max())) {
            throw new InvalidRequestException(rule.param(), "'" + rule.param() + "' must be between " + fmt(rule.min())
                    + " and " + fmt(rule.max()) + " for Anthropic models, got " + value);
        }
    }

    private static void put(JsonObject body, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            body.put(path, value);
            return;
        }
        String head = path.substring(0, dot);
        JsonObject nested = JsonFields.object(body, head);
        if (nested == null) {
            nested = new JsonObject();
            body.put(head, nested);
        }
        put(nested, path.substring(dot + 1), value);
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "any";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : Double.toString(d);
    }
}
