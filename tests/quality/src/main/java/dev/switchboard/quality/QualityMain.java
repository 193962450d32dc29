package dev.switchboard.quality;

import dev.switchboard.engine.pipeline.TokenCounter;
import dev.switchboard.quality.prototype.EmbeddingLatency;
import dev.switchboard.quality.prototype.EmbeddingSubject;
import dev.switchboard.quality.prototype.LeaveSourceOut;
import dev.switchboard.quality.prototype.ExampleClassifier;
import dev.switchboard.quality.prototype.MiniLmEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every router under test over the evaluation set and prints the report (Markdown).
 *
 * <pre>
 * java -cp ... dev.switchboard.quality.QualityMain [--eval tests/quality/data/eval.jsonl] [--config file.yaml]
 *      [--premium-model id] [--smoke N] [--prototype]
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
        List<Subject> subjects = subjects(routes, tokens);
        MiniLmEmbedder embedder = o.prototype ? new MiniLmEmbedder() : null;
        if (embedder != null) {
            subjects.addAll(prototypes(routes, embedder));
        }
        List<Scorecard> cards = run(subjects, eval, new CostModel(routes.table().catalog(), tokens::count),
                premium);
        ReportPrinter printer = new ReportPrinter(System.out);
        System.out.println("Routing quality over " + eval.size() + " held-out prompts (" + o.eval + ")");
        System.out.println();
        printer.summary(cards, premium);
        if (embedder != null) {
            EmbeddingLatency.print(embedder, eval, 2048, 100, System.out);
            System.out.println("Leave one source out: each source's examples removed from the training set");
            System.out.println();
            LeaveSourceOut.print(embedder, EvalSet.builtInExamples(), eval, ExampleClassifier.Mode.KNN, 5, System.out);
        }
        cards.forEach(printer::details);
    }

    /**
     * The routers under test. A new router is one more line: a route of the config
     * ({@code RouteSubject.of(routes, "semantic", tokens)}) or any other {@link Subject}.
     */
    static List<Subject> subjects(DefaultRoutes routes, TokenCounter tokens) {
        List<Subject> s = new ArrayList<>();
        s.add(RouteSubject.of(routes, "task", tokens));
        s.add(RouteSubject.of(routes, "auto", tokens));
        s.add(new LabelOracle(routes, "auto"));
        return s;
    }

    /**
     * The prototype embedding classifiers (all-MiniLM-L6-v2, trained on the built-in examples):
     * nearest centroid and 5 nearest examples. They inform the semantic router's design; they are
     * not routers of the engine.
     */
    static List<Subject> prototypes(DefaultRoutes routes, MiniLmEmbedder embedder) {
        List<EvalItem> examples = EvalSet.builtInExamples();
        return List.of(
                EmbeddingSubject.train("minilm centroid (prototype)", embedder, examples,
                        ExampleClassifier.Mode.CENTROID, 0, routes),
                EmbeddingSubject.train("minilm 5-nn (prototype)", embedder, examples, ExampleClassifier.Mode.KNN, 5,
                        routes));
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
    private record Options(Path eval, Path config, String premiumModel, int smokeStep, boolean prototype) {
        static Options parse(String[] args) {
            Path eval = Path.of("tests/quality/data/eval.jsonl");
            Path config = null;
            String premium = null;
            int smoke = 1;
            boolean prototype = false;
            for (int i = 0; i < args.length; i++) {
                if ("--prototype".equals(args[i])) {
                    prototype = true;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--eval" -> eval = Path.of(required(args[i], value));
                    case "--config" -> config = Path.of(required(args[i], value));
                    case "--premium-model" -> premium = required(args[i], value);
                    case "--smoke" -> smoke = Integer.parseInt(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --eval FILE, --config FILE, --premium-model ID, --smoke N, --prototype");
                }
                i++;
            }
            return new Options(eval, config, premium, smoke, prototype);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
