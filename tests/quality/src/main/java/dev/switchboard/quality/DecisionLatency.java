package dev.switchboard.quality;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decision time of a route on texts it has never seen (a cold embedding cache) and on the same
 * texts again (warm): short prompts (each evaluation prompt with a distinct suffix) and 2 KB prompts
 * (consecutive evaluation prompts joined). Wall and CPU time of the deciding thread, the whole
 * {@link RouteSubject#decide} (request features included), after a warm-up on other texts.
 */
final class DecisionLatency {
    private static final int LONG_CHARS = 2048;
    private static final int LONG_COUNT = 100;

    private DecisionLatency() {
    }

    /** Prints one table row per case. */
    static void print(RouteSubject route, List<EvalItem> eval, PrintStream out) {
        List<EvalItem> warmUp = variants(eval, "warm-up");
        warmUp.forEach(route::decide);
        List<EvalItem> shortTexts = variants(eval, "cold");
        List<EvalItem> longTexts = joined(eval, LONG_CHARS, LONG_COUNT);
        out.println("Decision time of route " + route.name() + " (one thread; cold = text never seen, warm = the same"
                + " text again):");
        out.println();
        out.println("| prompts | count | wall p50 / p99 (ms) | CPU p50 / p99 (ms) | cold decisions/s per core (1 / mean CPU) |");
        out.println("|---|---:|---:|---:|---:|");
        row(out, "short, cold", measure(route, shortTexts));
        row(out, "short, warm", measure(route, shortTexts));
        row(out, LONG_CHARS + " chars, cold", measure(route, longTexts));
        row(out, LONG_CHARS + " chars, warm", measure(route, longTexts));
        out.println();
    }

    private static long[][] measure(RouteSubject route, List<EvalItem> items) {
        long[] wall = new long[items.size()];
        long[] cpu = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Verdict v = route.decide(items.get(i));
            wall[i] = v.nanos();
            cpu[i] = v.cpuNanos();
        }
        return new long[][] {wall, cpu};
    }

    private static void row(PrintStream out, String what, long[][] times) {
        double meanCpu = Arrays.stream(times[1]).average().orElse(1);
        out.printf(Locale.ROOT, "| %s | %d | %.3f / %.3f | %.3f / %.3f | %.0f |%n", what, times[0].length,
                pct(times[0], 50), pct(times[0], 99), pct(times[1], 50), pct(times[1], 99), 1e9 / meanCpu);
    }

    private static List<EvalItem> variants(List<EvalItem> eval, String tag) {
        return eval.stream().map(i -> withText(i, i.text() + " (" + tag + ")")).toList();
    }

    private static List<EvalItem> joined(List<EvalItem> eval, int chars, int count) {
        List<EvalItem> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; out.size() < count; i++) {
            sb.append(eval.get(i % eval.size()).text()).append('\n');
            if (sb.length() >= chars) {
                out.add(withText(eval.get(i % eval.size()), sb.substring(0, chars - 8) + " #" + out.size()));
                sb.setLength(0);
            }
        }
        return out;
    }

    private static EvalItem withText(EvalItem i, String text) {
        return new EvalItem(i.id(), text, i.category(), i.tier(), i.source(), i.label());
    }

    private static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }
}
