package dev.switchboard.quality;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prints scorecards as Markdown: a summary table, then each router's confusion matrices. */
public final class ReportPrinter {
    private final PrintStream out;

    public ReportPrinter(PrintStream out) {
        this.out = out;
    }

    /** The summary table over all routers. */
    public void summary(List<Scorecard> cards, String premiumModel) {
        out.println("| router | prompts | category accuracy | in-scope category accuracy | tier accuracy | hard→budget"
                + " | easy→premium | cost vs always-" + premiumModel + " | decision p50 / p99 (µs) | CPU p50 / p99 (µs) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Scorecard c : cards) {
            boolean cats = !c.subject().categories().isEmpty();
            boolean tiers = !c.subject().tiers().isEmpty();
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    c.subject().name(),
                    c.items(), cats ? pct(c.categoryAccuracy()) : "–",
                    cats ? pct(c.inScopeCategoryAccuracy()) + " of " + c.inScope() : "–",
                    tiers ? pct(c.tierAccuracy()) : "–", tiers ? pct(c.hardToBudgetRate()) : "–",
                    tiers ? pct(c.easyToPremiumRate()) : "–", pct(c.costVsPremium()), micros(c.micros(50), c.micros(99)),
                    micros(c.cpuMicros(50), c.cpuMicros(99)));
        }
        out.println();
    }

    /** One router's confusion matrices and tier distribution. */
    public void details(Scorecard c) {
        out.println("### " + c.subject().name());
        out.println();
        if (!c.subject().categories().isEmpty()) {
            out.println("Categories (rows: label, columns: chosen):");
            out.println();
            matrix(c.categoryConfusion(), c.subject().categories());
        }
        if (!c.subject().tiers().isEmpty()) {
            out.println("Tiers (rows: label, columns: chosen):");
            out.println();
            matrix(c.tierConfusion(), c.subject().tiers());
            out.println("Tier distribution: " + c.tierDistribution());
            out.println();
        }
        bySource(c);
        out.printf(Locale.ROOT, "Estimated cost: $%.4f routed vs $%.4f always premium (%s)%n%n", c.cost(),
                c.premiumCost(), pct(c.costVsPremium()));
    }

    private void bySource(Scorecard c) {
        boolean cats = !c.subject().categories().isEmpty();
        boolean tiers = !c.subject().tiers().isEmpty();
        out.println("| source | prompts | category right | tier right |");
        out.println("|---|---:|---:|---:|");
        c.bySource().forEach((source, n) -> out.printf(Locale.ROOT, "| %s | %d | %s | %s |%n", source, n[0],
                cats ? pct((double) n[1] / n[0]) : "–", tiers ? pct((double) n[2] / n[0]) : "–"));
        out.println();
    }

    private void matrix(Map<String, Map<String, Integer>> confusion, List<String> declared) {
        Set<String> columns = new LinkedHashSet<>(declared);
        confusion.values().forEach(row -> columns.addAll(row.keySet()));
        List<String> cols = new ArrayList<>(columns);
        StringBuilder head = new StringBuilder("| label \\ chosen |");
        StringBuilder rule = new StringBuilder("|---|");
        cols.forEach(col -> {
            head.append(' ').append(col).append(" |");
            rule.append("---:|");
        });
        out.println(head.append(" recall |"));
        out.println(rule.append("---:|"));
        confusion.forEach((label, row) -> {
            int total = row.values().stream().mapToInt(Integer::intValue).sum();
            if (total == 0) {
                return;
            }
            StringBuilder line = new StringBuilder("| " + label + " |");
            cols.forEach(col -> line.append(' ').append(row.getOrDefault(col, 0)).append(" |"));
            line.append(' ').append(pct((double) row.getOrDefault(label, 0) / total)).append(" |");
            out.println(line);
        });
        out.println();
    }

    private static String micros(double p50, double p99) {
        return Double.isNaN(p50) ? "–" : String.format(Locale.ROOT, "%.1f / %.1f", p50, p99);
    }

    static String pct(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
