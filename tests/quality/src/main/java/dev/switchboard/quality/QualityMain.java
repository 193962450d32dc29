package dev.switchboard.quality;

import dev.switchboard.engine.pipeline.TokenCounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every router under test over the evaluation set and prints the report (Markdown).
 *
 * <pre>
 * java -cp ... dev.switchboard.quality.QualityMain [--eval tests/quality/data/eval.jsonl] [--config file.yaml]
 *      [--premium-model id] [--smoke N]
 * </pre>
 */
public final class QualityMain {

    private QualityMain() {
    }

    public static void main(String[] args) {
        Options o = Options.parse(args);
        List<EvalItem> eval = EvalSet.read(o.eval);
        if (o.smokeStep > 1) {
            eval = EvalSet.everyNth(eval, o.smokeStep);
        }
        DefaultRoutes routes = DefaultRoutes.load(o.config);
        TokenCounter tokens = new TokenCounter(false);
        String premium = o.premiumModel != null ? o.premiumModel : routes.firstModel("auto", "tiers", "premium");
        List<Subject> subjects = subjects(routes, tokens, eval);
        List<Scorecard> cards = run(subjects, eval, new CostModel(routes.table().catalog(), tokens::count),
                premium);
        ReportPrinter printer = new ReportPrinter(System.out);
        System.out.println("Routing quality over " + eval.size() + " held-out prompts (" + o.eval + ")");
        System.out.println();
        printer.summary(cards, premium);
        for (String route : SEMANTIC_ROUTES) {
            DecisionLatency.print(RouteSubject.of(routes, route, tokens), eval, System.out);
        }
        System.out.println("Resident set size of this JVM (the model and both semantic routes loaded): " + rssMegabytes() + " MB");
        System.out.println();
        cards.forEach(printer::details);
    }

    /** The routes of the bundled default config that decide by meaning (the semantic router). */
    static final List<String> SEMANTIC_ROUTES = List.of("task", "auto");

    /**
     * The routers under test: the semantic routes {@code task} and {@code auto}, the rule-based seeds
     * {@code task-keyword} and {@code auto-complexity}, the label oracle, and the {@code llm-classifier}
     * router over the {@code task} categories with a scripted classifier (it needs the set to script
     * its answers). A new router is one more line: a route of the config
     * ({@code RouteSubject.of(routes, "name", tokens)}) or any other {@link Subject}.
     */
    static List<Subject> subjects(DefaultRoutes routes, TokenCounter tokens, List<EvalItem> eval) {
        List<Subject> s = new ArrayList<>();
        s.add(RouteSubject.of(routes, "task", tokens));
        s.add(RouteSubject.of(routes, "auto", tokens));
        s.add(RouteSubject.of(routes, "task-keyword", tokens));
        s.add(RouteSubject.of(routes, "auto-complexity", tokens));
        s.add(new LabelOracle(routes, "auto"));
        s.add(new ScriptedClassifierSubject(routes, tokens, eval));
        return s;
    }

    /** VmRSS of this process from /proc (Linux), or -1. */
    static long rssMegabytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Passes over the set before the measured one: JIT and lazy state, so the latencies are steady-state. */
    static final int WARM_UP_PASSES = 5;

    /** Decides every item with every subject, after {@link #WARM_UP_PASSES} unmeasured passes. */
    static List<Scorecard> run(List<Subject> subjects, List<EvalItem> eval, CostModel costs, String premiumModel) {
        List<Scorecard> cards = new ArrayList<>();
        for (Subject subject : subjects) {
            for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
                eval.forEach(subject::decide);
            }
            Scorecard card = new Scorecard(subject, costs, premiumModel);
            eval.forEach(item -> card.add(item, subject.decide(item)));
            cards.add(card);
        }
        return cards;
    }

    /** Command-line options. */
    private record Options(Path eval, Path config, String premiumModel, int smokeStep) {
        static Options parse(String[] args) {
            Path eval = Path.of("tests/quality/data/eval.jsonl");
            Path config = null;
            String premium = null;
            int smoke = 1;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--eval" -> eval = Path.of(required(args[i], value));
                    case "--config" -> config = Path.of(required(args[i], value));
                    case "--premium-model" -> premium = required(args[i], value);
                    case "--smoke" -> smoke = Integer.parseInt(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --eval FILE, --config FILE, --premium-model ID, --smoke N");
                }
                i++;
            }
            return new Options(eval, config, premium, smoke);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
