package dev.switchboard.plugins.router.complexity;

import dev.switchboard.spi.routing.Router;
import dev.switchboard.spi.routing.RoutingDecision;
import dev.switchboard.spi.routing.RoutingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grades the user's text (all user messages; system prompts and assistant turns are not read) by
 * its signals and answers the tier the strongest fired {@link Rule} asks for; {@code simple} fires
 * when no other rule does. The chain is that tier's models, then (by default) the stronger tiers'
 * models as fallbacks. Immutable and thread-safe.
 */
final class ComplexityRouter implements Router {
    private final SignalDetector detector;
    private final int longWords;
    private final int mediumWords;
    private final int[] tierByRule;
    private final List<String> tierNames;
    private final List<List<String>> chains;
    private final List<Map<String, String>> labels;

    /**
     * @param tierByRule the configured tier index each rule gives, by {@link Rule#ordinal()}
     */
    ComplexityRouter(SignalDetector detector, int longWords, int mediumWords, int[] tierByRule, TierLadder ladder,
                     boolean fallbackToStronger) {
        this.detector = detector;
        this.longWords = longWords;
        this.mediumWords = mediumWords;
        this.tierByRule = tierByRule.clone();
        this.tierNames = ladder.names();
        List<List<String>> c = new ArrayList<>();
        List<Map<String, String>> l = new ArrayList<>();
        for (int i = 0; i < tierNames.size(); i++) {
            c.add(ladder.chain(i, fallbackToStronger));
            l.add(Map.of("tier", tierNames.get(i)));
        }
        this.chains = List.copyOf(c);
        this.labels = List.copyOf(l);
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        Signals s = detector.detect(request.features().userText());
        int tier = -1;
        if (s.math() != null) {
            tier = Math.max(tier, tierByRule[Rule.MATH.ordinal()]);
        }
        if (s.reasoning() != null && s.code() != null) {
            tier = Math.max(tier, tierByRule[Rule.REASONING_WITH_CODE.ordinal()]);
        }
        if (s.code() != null) {
            tier = Math.max(tier, tierByRule[Rule.CODE.ordinal()]);
        }
        if (s.reasoning() != null) {
            tier = Math.max(tier, tierByRule[Rule.REASONING.ordinal()]);
        }
        if (s.words() > longWords) {
            tier = Math.max(tier, tierByRule[Rule.LONG.ordinal()]);
        }
        if (s.words() > mediumWords) {
            tier = Math.max(tier, tierByRule[Rule.MEDIUM.ordinal()]);
        }
        if (tier < 0) {
            tier = tierByRule[Rule.SIMPLE.ordinal()];
        }
        return new RoutingDecision(chains.get(tier),
                "complexity tier=" + tierNames.get(tier) + " signals=" + describe(s), labels.get(tier));
    }

    private String describe(Signals s) {
        StringBuilder sb = new StringBuilder();
        append(sb, "math", s.math());
        append(sb, "reasoning", s.reasoning());
        append(sb, "code", s.code());
        if (s.words() > longWords) {
            append(sb, "long", s.words() + " words");
        } else if (s.words() > mediumWords) {
            append(sb, "medium", s.words() + " words");
        }
        if (sb.length() == 0) {
            append(sb, "simple", s.words() + (s.words() == 1 ? " word" : " words"));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String signal, String detail) {
        if (detail != null) {
            sb.append(sb.length() == 0 ? "" : ",").append(signal).append('(').append(detail).append(')');
        }
    }
}
