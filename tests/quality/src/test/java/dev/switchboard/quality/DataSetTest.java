package dev.switchboard.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The promises the README makes about the data: sizes, labels, provenance, licences, held-out. */
class DataSetTest {
    static final Path EVAL = Path.of("data/eval.jsonl");
    static final Set<String> LICENCES = Set.of("MIT", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-3.0", "Apache-2.0", "project");
    private final List<EvalItem> eval = EvalSet.read(EVAL);
    private final List<EvalItem> examples = EvalSet.builtInExamples();

    @Test
    void evaluationSetIsLargeAndCoversEveryCategoryAndTier() {
        assertTrue(eval.size() >= 300, "eval prompts: " + eval.size());
        Map<String, Long> cats = count(eval, EvalItem::category);
        Map<String, Long> tiers = count(eval, EvalItem::tier);
        Labels.CATEGORIES.forEach(c -> assertTrue(cats.getOrDefault(c, 0L) >= 40, c + ": " + cats));
        Labels.TIERS.forEach(t -> assertTrue(tiers.getOrDefault(t, 0L) >= 30, t + ": " + tiers));
    }

    @Test
    void examplesHaveAtLeastTwentyPerCategoryAndPerTier() {
        Map<String, Long> cats = count(examples, EvalItem::category);
        Map<String, Long> tiers = count(examples, EvalItem::tier);
        Labels.CATEGORIES.forEach(c -> assertTrue(cats.getOrDefault(c, 0L) >= 20, c + ": " + cats));
        Labels.TIERS.forEach(t -> assertTrue(tiers.getOrDefault(t, 0L) >= 20, t + ": " + tiers));
    }

    @Test
    void examplesAndEvaluationShareNoPromptAndNoSourceRow() {
        Set<String> evalTexts = eval.stream().map(i -> normalise(i.text())).collect(Collectors.toSet());
        Set<String> evalIds = eval.stream().map(EvalItem::id).collect(Collectors.toSet());
        for (EvalItem e : examples) {
            assertFalse(evalTexts.contains(normalise(e.text())), "example also in eval: " + e.id());
            assertFalse(evalIds.contains(e.id()), "source row in both: " + e.id());
        }
        assertEquals(eval.size(), evalIds.size(), "duplicate eval ids");
        assertEquals(eval.size(), evalTexts.size(), "duplicate eval prompts");
    }

    @Test
    void everyItemNamesItsSourceLicenceAndLabelRule() {
        for (EvalItem i : concat()) {
            assertTrue(LICENCES.contains(i.source().getString("licence")), i.id() + " licence " + i.source());
            assertFalse(i.source().getString("dataset", "").isBlank(), i.id() + " dataset");
            assertFalse(i.source().getString("path", "").isBlank(), i.id() + " path");
            assertFalse(i.label() == null || i.label().isBlank(), i.id() + " label rule");
            if (!"project".equals(i.source().getString("licence"))) {
                assertTrue(i.source().getString("commit", "").matches("[0-9a-f]{40}"), i.id() + " commit");
                assertFalse(i.source().getValue("row", "").toString().isBlank(), i.id() + " row");
            }
        }
    }

    @Test
    void noBenchmarkTestSplitAndNoShareAlikeDataInTheShippedExamples() {
        for (EvalItem i : concat()) {
            if ("project".equals(i.source().getString("licence"))) {
                continue;
            }
            String where = (i.source().getString("dataset") + " " + i.source().getString("path") + " "
                    + i.source().getValue("row")).toLowerCase();
            assertFalse(where.contains("test"), i.id() + " comes from a test split: " + where);
            if (i.id().startsWith("mbpp-")) {
                int task = Integer.parseInt(i.id().substring(i.id().lastIndexOf('-') + 1));
                assertTrue(task >= 601, i.id() + ": MBPP task ids 11-510 are its test split, 511-600 validation");
            }
        }
        for (EvalItem e : examples) {
            assertFalse(e.source().getString("licence").contains("SA"), e.id() + ": share-alike data stays out of the jar");
        }
    }

    private List<EvalItem> concat() {
        return java.util.stream.Stream.concat(eval.stream(), examples.stream()).toList();
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase().replaceAll("\\s+", " ");
    }

    private static Map<String, Long> count(List<EvalItem> items, Function<EvalItem, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
