package dev.switchboard.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Binds {@code routes.<name>.escalation}: the poor-result signals that re-ask a later candidate of the route. */
final class EscalationBinder {
    private EscalationBinder() {
    }

    /** The route's escalation, or null when it has no {@code escalation} key (escalation off). */
    static SwitchboardConfig.Escalation escalation(Node route) {
        if (route.json().getValue("escalation") == null) {
            return null;
        }
        Node e = route.child("escalation");
        e.allowOnly(Set.of("on", "min-chars", "refusal-phrases", "max-escalations", "to"));
        Set<String> on = signals(e);
        int minChars = (int) e.number("min-chars", SwitchboardConfig.Escalation.DEFAULT_MIN_CHARS, 1, 100_000);
        if (e.json().getValue("min-chars") != null && !on.contains(SwitchboardConfig.Escalation.TRUNCATED)) {
            e.error("min-chars", "is only read when on lists truncated: add truncated to on or remove it");
        }
        int max = (int) e.number("max-escalations", SwitchboardConfig.Escalation.DEFAULT_MAX_ESCALATIONS, 1,
                SwitchboardConfig.Escalation.MAX_ESCALATIONS);
        List<String> phrases = phrases(e, on);
        return new SwitchboardConfig.Escalation(on, minChars, phrases, max, target(e));
    }

    /** {@code to}: {@code stronger} (the default) or {@code next}. */
    private static String target(Node e) {
        String to = e.string("to", SwitchboardConfig.Escalation.STRONGER);
        if (!SwitchboardConfig.Escalation.TARGETS.contains(to)) {
            e.error("to", "unknown value '" + to + "' (known: " + String.join(", ", SwitchboardConfig.Escalation.TARGETS)
                    + "): stronger asks the first later candidate with a higher price, next the next one");
            return SwitchboardConfig.Escalation.STRONGER;
        }
        return to;
    }

    /** {@code on}: a non-empty list from the closed set of signals, no duplicates. */
    private static Set<String> signals(Node e) {
        if (e.json().getValue("on") == null) {
            e.error("on", "is required: list the poor-result signals that escalate (" + known() + ")");
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        List<String> listed = e.strings("on");
        for (int i = 0; i < listed.size(); i++) {
            String s = listed.get(i);
            if (!SwitchboardConfig.Escalation.SIGNALS.contains(s)) {
                e.error("on[" + i + "]", "unknown signal '" + s + "' (known: " + known() + ")");
            } else if (!out.add(s)) {
                e.error("on[" + i + "]", "lists '" + s + "' twice");
            }
        }
        if (out.isEmpty() && listed.isEmpty() && e.json().getValue("on") instanceof io.vertx.core.json.JsonArray) {
            e.error("on", "is empty: list at least one signal (" + known() + "), or remove escalation to turn it off");
        }
        return Set.copyOf(out);
    }

    /** {@code refusal-phrases}: lower-cased, non-blank; the default list when unset. */
    private static List<String> phrases(Node e, Set<String> on) {
        if (e.json().getValue("refusal-phrases") == null) {
            return SwitchboardConfig.Escalation.DEFAULT_REFUSAL_PHRASES;
        }
        if (!on.contains(SwitchboardConfig.Escalation.REFUSAL)) {
            e.error("refusal-phrases", "is only read when on lists refusal: add refusal to on or remove it");
        }
        List<String> listed = e.strings("refusal-phrases");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            String p = listed.get(i).strip();
            if (p.isEmpty()) {
                e.error("refusal-phrases[" + i + "]", "is blank");
            } else {
                out.add(p.toLowerCase(Locale.ROOT));
            }
        }
        if (listed.isEmpty()) {
            e.error("refusal-phrases", "is empty: list at least one phrase, or remove it for the default list");
        }
        return List.copyOf(out);
    }

    private static String known() {
        return String.join(", ", SwitchboardConfig.Escalation.SIGNALS);
    }
}
