package dev.switchboard.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.engine.pipeline.TokenCounter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's run on a subset (every 10th prompt), through the real router plugins of the
 * bundled default config: the full run is tests/quality/run.sh, outside the build.
 */
class SmokeRunTest {

    @Test
    void everyDefaultRouterDecidesEverySmokePromptWithinItsLabels() {
        List<EvalItem> smoke = EvalSet.everyNth(EvalSet.read(Path.of("data/eval.jsonl")), 10);
        DefaultRoutes routes = DefaultRoutes.load(null);
        TokenCounter tokens = new TokenCounter(false);
        List<Subject> subjects = QualityMain.subjects(routes, tokens, smoke);
        String premium = routes.firstModel("auto", "tiers", "premium");
        List<Scorecard> cards = QualityMain.run(subjects, smoke, new CostModel(routes.table().catalog(), tokens::count),
                premium);

        assertEquals(List.of("task (semantic)", "auto (semantic)", "task-keyword (keyword)", "auto-complexity (complexity)",
                        "oracle (labels, auto tiers)", "task (llm-classifier, scripted)"), cards.stream().map(c -> c.subject().name()).toList());
        Scorecard task = cards.get(0);
        Scorecard auto = cards.get(1);
        assertEquals(List.of("code", "reasoning", "tools", "conversation", "general"), task.subject().categories());
        assertEquals(List.of("budget", "mid", "standard", "premium"), auto.subject().tiers());
        for (Scorecard c : cards) {
            assertEquals(smoke.size(), c.items());
            assertTrue(c.costVsPremium() > 0 && c.costVsPremium() <= 1, c.subject().name() + " " + c.costVsPremium());
        }
        // every decision carries a label the route defines: task labels a category, auto a tier
        int categorised = task.categoryConfusion().values().stream()
                .mapToInt(row -> row.entrySet().stream().filter(e -> task.subject().categories().contains(e.getKey()))
                        .mapToInt(java.util.Map.Entry::getValue).sum()).sum();
        assertEquals(smoke.size(), categorised);
        assertEquals(smoke.size(), auto.tierDistribution().values().stream().mapToInt(Integer::intValue).sum());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportPrinter printer = new ReportPrinter(new PrintStream(out, true, StandardCharsets.UTF_8));
        printer.summary(cards, premium);
        cards.forEach(printer::details);
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("| task (semantic) | " + smoke.size() + " |"), report);
        assertTrue(report.contains("| auto (semantic) | " + smoke.size() + " |"), report);
        // meaning beats the seeds' rules on the smoke subset too (full figures: tests/quality/run.sh)
        assertTrue(task.categoryAccuracy() > cards.get(2).categoryAccuracy(), report);
        assertTrue(report.contains("cost vs always-" + premium), report);
        Scorecard oracle = cards.get(4);
        assertEquals(1.0, oracle.categoryAccuracy());
        assertEquals(0.0, oracle.hardToBudgetRate());
        assertTrue(oracle.costVsPremium() < 1, "the oracle sends only premium-labelled prompts to " + premium);
        // the scripted classifier answers each prompt's label (found in the prompt it was sent) but one in ten,
        // which task-keyword then decides: at least 9 in 10 right, so the user's text did reach the prompt
        Scorecard classifier = cards.get(5);
        assertTrue(classifier.categoryAccuracy() >= 0.85, report);
    }
}
